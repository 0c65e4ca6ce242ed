// Footfall's dashboard. Fed only by the admin API next to it; every value from the API is put into
// the page as text (textContent), never as HTML. No inline script: the page's CSP forbids it.
// Under a shared link (/share/{token}, the page's data-api set) it is read-only: it reads only the
// link's own /share/{token}/... reports, asks for no key, offers no site switcher and no management.
(function () {
  'use strict';

  var site = document.body.dataset.site;
  // '' for the admin dashboard, '<token>/' under a shared link: what API paths are relative to.
  var apiBase = document.body.dataset.api || '';
  var shared = apiBase !== '';
  var KEY_STORAGE = 'footfall_admin_key';
  var REALTIME_EVERY_MS = 30000;
  var CARDS = [
    ['visitors', 'Unique visitors'], ['visits', 'Total visits'], ['pageviews', 'Total pageviews'],
    ['views_per_visit', 'Views per visit'], ['bounce_rate', 'Bounce rate'],
    ['visit_duration', 'Visit duration']
  ];
  // Each panel: its tabs, and for each tab the report to call, the dimension a click filters on and
  // the metrics shown in columns of their own after the visitors.
  var PAGE_COLUMNS = [['scroll_depth', 'Scroll depth'], ['time_on_page', 'Time on page']];
  var PANELS = {
    pages: { title: 'Pages', tabs: [
      ['Top pages', 'pages?type=top&metrics=visitors,scroll_depth,time_on_page', 'page',
        PAGE_COLUMNS],
      ['Entry pages', 'pages?type=entry', 'entry_page'],
      ['Exit pages', 'pages?type=exit', 'exit_page']] },
    sources: { title: 'Sources', tabs: [
      ['Sources', 'referrers?type=sources', 'source'],
      ['Referrers', 'referrers?type=referrers', 'referrer'],
      ['Campaigns', 'referrers?type=utm_campaign', 'utm_campaign']] },
    locations: { title: 'Locations', map: true, tabs: [['Countries', 'locations', 'country']] },
    devices: { title: 'Devices', tabs: [
      ['Devices', 'devices?type=device', 'device'], ['Browsers', 'devices?type=browser', 'browser'],
      ['OS', 'devices?type=os', 'os']] },
    events: { title: 'Custom events', tabs: [
      ['Events', 'breakdown?dimension=event_name&metrics=visitors,events', 'event_name']] }
  };
  // Tick steps (seconds) for each interval, so that a daily series is not labelled by the hour.
  var HOUR = 3600, DAY = 86400;
  var TICKS = {
    hour: [HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY],
    day: [DAY, 2 * DAY, 7 * DAY, 14 * DAY, 28 * DAY],
    week: [7 * DAY, 14 * DAY, 28 * DAY, 91 * DAY],
    month: undefined
  };
  var ROWS = 10;
  // Every ISO 3166 country, for the map; the list below it shows the top ROWS.
  var COUNTRIES = 250;
  // The assets' versioned path, as the page names it for this script.
  var ASSETS = document.querySelector('script[src$="/dashboard.js"]').getAttribute('src')
    .replace(/dashboard\.js$/, '');
  var activeTab = { pages: 0, sources: 0, locations: 0, devices: 0, events: 0 };
  // The prop key the properties panel breaks down by, and the funnel the funnel panel shows; both
  // default to the first one the API lists.
  var chosenProp = null;
  var chosenFunnel = null;
  var world = null;
  var apiKey = shared ? null : sessionStorage.getItem(KEY_STORAGE);
  var chart = null;
  var generation = 0;

  function $(id) { return document.getElementById(id); }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  // ---- state in the URL -------------------------------------------------------------------------

  function state() {
    var q = new URLSearchParams(location.search);
    return {
      period: q.get('period') || '30d',
      start: q.get('start_date') || '',
      end: q.get('end_date') || '',
      filters: splitFilters(q.get('filters') || '')
    };
  }

  // Splits the filters parameter on ';' as the server does: '\;' and '\\' are escapes in values.
  function splitFilters(text) {
    return splitEscaped(text, ';').filter(Boolean);
  }

  // Splits on every separator not escaped with '\', keeping the escapes (as the server does).
  function splitEscaped(text, separator) {
    var parts = [], current = '';
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i);
      if (c === '\\' && i + 1 < text.length) {
        current += c + text.charAt(++i);
      } else if (c === separator) {
        parts.push(current);
        current = '';
      } else {
        current += c;
      }
    }
    parts.push(current);
    return parts;
  }

  function unescaped(text) { return text.replace(/\\(.)/g, '$1'); }

  // Escapes a value for the filters parameter: '\', ';' and '|' are the syntax's own.
  function escapeValue(value) {
    return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/\|/g, '\\|');
  }

  // Describes one filter for its chip: "page is /pricing", "country is DE or FR", "page matches
  // /blog/*"; the operator is the first one, since dimension names contain none of '=', '!', '~'
  // and '*'.
  function describe(filter) {
    var match = /(==|!=|~=|\*=)/.exec(filter);
    if (!match) { return filter; }
    var words = { '==': ' is ', '!=': ' is not ', '~=': ' contains ', '*=': ' matches ' };
    var dimension = filter.slice(0, match.index);
    if (dimension.indexOf('prop:') === 0) { dimension = dimension.slice(5); }
    var values = splitEscaped(filter.slice(match.index + 2), '|').map(unescaped);
    return dimension + words[match[1]] + values.join(' or ');
  }

  function setState(next) {
    var q = new URLSearchParams();
    q.set('period', next.period);
    if (next.period === 'custom') {
      q.set('start_date', next.start);
      q.set('end_date', next.end);
    }
    if (next.filters.length) { q.set('filters', next.filters.join(';')); }
    history.pushState(null, '', '?' + q.toString());
    load();
  }

  function periodQuery(s) {
    var q = 'period=' + encodeURIComponent(s.period);
    if (s.period === 'custom') {
      q += '&start_date=' + encodeURIComponent(s.start) + '&end_date=' + encodeURIComponent(s.end);
    }
    if (s.filters.length) { q += '&filters=' + encodeURIComponent(s.filters.join(';')); }
    return q;
  }

  // Hours for a day, months for periods of half a year or more, days otherwise.
  function interval(s) {
    if (s.period === 'day') { return 'hour'; }
    if (s.period === '12mo' || s.period === '6mo' || s.period === 'year' || s.period === 'all') {
      return 'month';
    }
    if (s.period === 'custom' && s.start && s.end) {
      var days = (Date.parse(s.end) - Date.parse(s.start)) / 86400000;
      return days <= 1 ? 'hour' : days > 180 ? 'month' : 'day';
    }
    return 'day';
  }

  // ---- API ----------------------------------------------------------------------------------------

  // Calls the admin API relative to the page; GET unless a method is given, with a JSON body.
  function api(path, method, body) {
    var headers = { Accept: 'application/json' };
    if (apiKey) { headers.Authorization = 'Bearer ' + apiKey; }
    var init = { headers: headers, credentials: 'same-origin', method: method || 'GET' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(apiBase + path, init).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (!response.ok) {
          var error = new Error(body.error || ('HTTP ' + response.status));
          error.status = response.status;
          throw error;
        }
        return body;
      });
    });
  }

  function report(name, extra) {
    var separator = name.indexOf('?') < 0 ? '?' : '&';
    return api('analytics/' + name + separator + periodQuery(state()) + (extra || ''));
  }

  function failed(error) {
    if (shared && error.status === 401) {
      location.reload(); // the pass expired: the page asks for the password again
      return;
    }
    if (shared && error.status === 404) {
      error = new Error('This shared link does not exist or was revoked.');
    }
    if (error.status === 401) {
      var tried = Boolean(apiKey);
      sessionStorage.removeItem(KEY_STORAGE);
      apiKey = null;
      showLogin(tried ? 'That key was not accepted.' : '');
      return;
    }
    $('dashboard').hidden = true;
    $('message').hidden = false;
    $('message').textContent = error.message;
  }

  function showLogin(message) {
    $('dashboard').hidden = true;
    $('login').hidden = false;
    $('login-error').hidden = !message;
    $('login-error').textContent = message;
    $('key').focus();
  }

  // ---- rendering ---------------------------------------------------------------------------------

  function formatNumber(n) {
    if (n >= 1e6) { return (n / 1e6).toFixed(1).replace(/\.0$/, '') + 'M'; }
    if (n >= 1e4) { return (n / 1e3).toFixed(1).replace(/\.0$/, '') + 'k'; }
    return String(n);
  }

  function formatMetric(metric, value) {
    if (value === null || value === undefined) { return '–'; }
    if (metric === 'bounce_rate') { return value + '%'; }
    if (metric === 'scroll_depth') { return value + '%'; }
    if (metric === 'visit_duration' || metric === 'time_on_page') {
      var minutes = Math.floor(value / 60);
      return minutes ? minutes + 'm ' + (value % 60) + 's' : value + 's';
    }
    if (metric === 'views_per_visit') { return String(value); }
    return formatNumber(value);
  }

  function renderCards(overview) {
    var cards = $('cards');
    cards.replaceChildren();
    CARDS.forEach(function (card) {
      var metric = overview.metrics[card[0]];
      var box = el('div', 'card');
      box.dataset.metric = card[0];
      box.appendChild(el('div', 'label', card[1]));
      var value = el('div', 'value', formatMetric(card[0], metric.value));
      value.dataset.value = String(metric.value);
      box.appendChild(value);
      if (metric.change !== null && metric.change !== undefined) {
        // A falling bounce rate is good news.
        var good = card[0] === 'bounce_rate' ? metric.change <= 0 : metric.change >= 0;
        box.appendChild(el('div', 'change ' + (good ? 'up' : 'down'),
          (metric.change >= 0 ? '▲ ' : '▼ ') + Math.abs(metric.change) + '%'));
      } else {
        box.appendChild(el('div', 'change', ' '));
      }
      cards.appendChild(box);
    });
    if (overview.imported) {
      // Days without events of their own show stats imported from Plausible; say so, or why not.
      var note = el('div', 'imported-note', overview.imported.days > 0
        ? 'Includes data imported from Plausible for ' + overview.imported.days + ' day'
          + (overview.imported.days === 1 ? '' : 's') + ' without events of their own.'
        : 'Imported data left out: ' + overview.imported.skipped + '.');
      note.id = 'imported-note';
      cards.appendChild(note);
    }
  }

  function renderChart(series) {
    var target = $('chart');
    var xs = [], visitors = [], pageviews = [];
    series.results.forEach(function (point) {
      // Dates are the site's local times; shown as they are, whatever the browser's timezone.
      var iso = point.date.length === 10 ? point.date + 'T00:00:00Z' : point.date + ':00Z';
      xs.push(Date.parse(iso) / 1000);
      visitors.push(point.visitors);
      pageviews.push(point.pageviews);
    });
    target.dataset.points = String(xs.length);
    target.dataset.interval = series.interval;
    if (chart) { chart.destroy(); }
    var width = Math.max(280, target.clientWidth || 600);
    // Axis colours follow the page's (light or dark) colours.
    var text = getComputedStyle(document.body).color;
    var line = getComputedStyle(document.documentElement).getPropertyValue('--line').trim();
    chart = new uPlot({
      width: width,
      height: 260,
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'); },
      series: [
        {},
        { label: 'Visitors', stroke: '#4f46e5', width: 2, fill: 'rgba(79,70,229,0.12)' },
        { label: 'Pageviews', stroke: '#0ea5e9', width: 1.5 }
      ],
      axes: [
        { incrs: TICKS[series.interval], stroke: text, grid: { stroke: line }, ticks: { stroke: line } },
        { size: 50, stroke: text, grid: { stroke: line }, ticks: { stroke: line } }
      ],
      scales: { x: { time: true } }
    }, [xs, visitors, pageviews], target);
  }

  function flag(code) {
    if (!/^[A-Z]{2}$/.test(code)) { return ''; }
    return String.fromCodePoint(0x1F1E6 + code.charCodeAt(0) - 65,
      0x1F1E6 + code.charCodeAt(1) - 65) + ' ';
  }

  function addFilter(dimension, value) {
    var s = state();
    var filter = dimension + '==' + escapeValue(value);
    if (s.filters.indexOf(filter) < 0) { s.filters.push(filter); }
    setState(s);
  }

  // columns: [metric, heading] pairs shown after the count, '–' where a row has no value.
  function renderRows(box, results, dimension, countKey, columns) {
    if (!results.length) {
      box.appendChild(el('div', 'none', 'No data for this period'));
      return;
    }
    var head = el('div', 'head');
    head.appendChild(el('span', 'name', ''));
    head.appendChild(el('span', 'count', countKey === 'events' ? 'Events' : 'Visitors'));
    columns.forEach(function (c) { head.appendChild(el('span', 'count metric', c[1])); });
    box.appendChild(head);
    var max = Math.max.apply(null, results.map(function (r) { return r[countKey]; })) || 1;
    results.forEach(function (r) {
      var row = el('button', 'row');
      row.type = 'button';
      row.dataset.value = r.value;
      row.title = 'Filter by ' + dimension + ' ' + r.value;
      var fill = el('span', 'fill');
      fill.style.width = (100 * r[countKey] / max).toFixed(1) + '%';
      row.appendChild(fill);
      var label = dimension === 'country' ? flag(r.value) + (r.name || r.value) : r.value;
      row.appendChild(el('span', 'name', label));
      row.appendChild(el('span', 'count', formatNumber(r[countKey])));
      columns.forEach(function (c) {
        var cell = el('span', 'count metric', formatMetric(c[0], r[c[0]]));
        cell.dataset.column = c[0];
        row.appendChild(cell);
      });
      row.addEventListener('click', function () { addFilter(dimension, r.value); });
      box.appendChild(row);
    });
  }

  // A donut of the device types: one arc per type, drawn as SVG circles with dash offsets.
  function donut(results) {
    var ns = 'http://www.w3.org/2000/svg';
    var colours = ['#4f46e5', '#0ea5e9', '#22c55e', '#f59e0b', '#ef4444', '#a855f7'];
    var total = results.reduce(function (sum, r) { return sum + r.visitors; }, 0) || 1;
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 42 42');
    svg.setAttribute('width', '120');
    svg.setAttribute('height', '120');
    svg.setAttribute('class', 'donut');
    svg.setAttribute('role', 'img');
    var offset = 25;
    results.forEach(function (r, i) {
      var share = 100 * r.visitors / total;
      var arc = document.createElementNS(ns, 'circle');
      arc.setAttribute('cx', '21');
      arc.setAttribute('cy', '21');
      arc.setAttribute('r', '15.915');
      arc.setAttribute('fill', 'none');
      arc.setAttribute('stroke', colours[i % colours.length]);
      arc.setAttribute('stroke-width', '6');
      arc.setAttribute('stroke-dasharray', share + ' ' + (100 - share));
      arc.setAttribute('stroke-dashoffset', String(offset));
      var title = document.createElementNS(ns, 'title');
      title.textContent = r.value + ': ' + Math.round(share) + '%';
      arc.appendChild(title);
      svg.appendChild(arc);
      offset -= share;
    });
    return svg;
  }

  // The country shapes of world.json (written by analytics-servlet/tools/world-map), fetched once;
  // without them the panel shows its list only.
  function worldMap() {
    if (!world) {
      world = fetch(ASSETS + 'world.json').then(function (response) {
        return response.ok ? response.json() : null;
      }).catch(function () { return null; });
    }
    return world;
  }

  // A map of visitors by country: the countries with visitors in the accent colour, the more
  // visitors the more opaque; a click filters by the country.
  function drawMap(shapes, results, dimension) {
    var ns = 'http://www.w3.org/2000/svg';
    var byCode = new Map();
    results.forEach(function (r) { byCode.set(r.value, r); });
    // Shaded by the largest country on the map, not by "(none)" or a country without a shape.
    var max = 1;
    shapes.countries.forEach(function (country) {
      var row = country[0] && byCode.get(country[0]);
      max = row && row.visitors > max ? row.visitors : max;
    });
    var names = window.Intl && Intl.DisplayNames ? new Intl.DisplayNames(['en'], { type: 'region' })
      : null;
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 ' + shapes.width + ' ' + shapes.height);
    svg.setAttribute('class', 'map');
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', 'Visitors by country');
    shapes.countries.forEach(function (country) {
      var code = country[0];
      var row = code ? byCode.get(code) : undefined;
      var shape = document.createElementNS(ns, 'path');
      shape.setAttribute('d', country[1]);
      var title = document.createElementNS(ns, 'title');
      if (code) {
        shape.dataset.country = code;
        title.textContent = names ? names.of(code) : code;
      }
      if (row) {
        shape.setAttribute('class', 'visited');
        shape.setAttribute('fill-opacity', (0.25 + 0.75 * row.visitors / max).toFixed(2));
        shape.dataset.visitors = String(row.visitors);
        title.textContent = (row.name || code) + ': ' + formatNumber(row.visitors) + ' visitors';
        shape.addEventListener('click', function () { addFilter(dimension, code); });
      }
      shape.appendChild(title);
      svg.appendChild(shape);
    });
    return svg;
  }

  function renderPanel(name, loadGeneration) {
    var panel = document.querySelector('[data-panel="' + name + '"]');
    var spec = PANELS[name];
    var tab = spec.tabs[activeTab[name]];
    return Promise.all([
      report(tab[1], '&limit=' + (spec.map ? COUNTRIES : ROWS)),
      spec.map ? worldMap() : null
    ]).then(function (answers) {
      var body = answers[0];
      if (loadGeneration !== generation) { return; }
      panel.replaceChildren();
      var heading = el('h2', null, spec.title);
      if (spec.tabs.length > 1) {
        var tabs = el('span', 'tabs');
        spec.tabs.forEach(function (t, i) {
          var button = el('button', 'tab' + (i === activeTab[name] ? ' active' : ''), t[0]);
          button.type = 'button';
          button.addEventListener('click', function () {
            activeTab[name] = i;
            renderPanel(name, generation).catch(failed);
          });
          tabs.appendChild(button);
        });
        heading.appendChild(tabs);
      }
      panel.appendChild(heading);
      var results = body.results;
      var countKey = 'visitors';
      if (name === 'events') {
        results = results.filter(function (r) { return r.value !== 'pageview'; });
        countKey = 'events';
      }
      if (name === 'devices' && activeTab.devices === 0 && results.length) {
        panel.appendChild(donut(results));
      }
      if (answers[1] && results.length) {
        panel.appendChild(drawMap(answers[1], results, tab[2]));
      }
      var list = el('div', 'rows');
      renderRows(list, results.slice(0, ROWS), tab[2], countKey, tab[3] || []);
      panel.appendChild(list);
    });
  }

  // ---- goals, funnel, properties -----------------------------------------------------------------

  // A panel's heading, with a chooser (a select) when it offers several options.
  function panelHeading(panel, title, options, chosen, onChoose, label) {
    var heading = el('h2', null, title);
    if (options && options.length) {
      var select = el('select', 'choose');
      select.setAttribute('aria-label', label);
      options.forEach(function (option) {
        var item = el('option', null, option);
        item.value = option;
        item.selected = option === chosen;
        select.appendChild(item);
      });
      select.addEventListener('change', function () { onChoose(select.value); });
      heading.appendChild(select);
    }
    panel.appendChild(heading);
  }

  // A panel's own failure (say, a storage that keeps no goals) is shown in it; the rest stays.
  function panelFailed(panel, title) {
    return function (error) {
      if (error.status === 401) { throw error; }
      panel.replaceChildren(el('h2', null, title), el('div', 'none', error.message));
    };
  }

  function formatMoney(amount, currency) {
    try {
      return new Intl.NumberFormat('en', { style: 'currency', currency: currency }).format(amount);
    } catch (e) {
      return amount + ' ' + currency;
    }
  }

  // Goal conversions: per goal its unique and total conversions, conversion rate, and revenue for
  // a revenue goal; a click filters the dashboard by the goal.
  function renderGoals(loadGeneration) {
    var panel = document.querySelector('[data-panel="goals"]');
    return report('goals').then(function (body) {
      if (loadGeneration !== generation) { return; }
      panel.replaceChildren();
      panelHeading(panel, 'Goal conversions');
      if (!body.results.length) {
        panel.appendChild(el('div', 'none', shared ? 'No goals yet.'
          : 'No goals yet: add one under “Manage goals and funnels”.'));
        return;
      }
      var revenue = body.results.some(function (r) { return r.revenue; });
      var table = el('div', 'goals' + (revenue ? ' with-revenue' : ''));
      var head = el('div', 'goal head');
      ['Goal', 'Uniques', 'Total', 'CR'].concat(revenue ? ['Revenue'] : []).forEach(function (h) {
        head.appendChild(el('span', null, h));
      });
      table.appendChild(head);
      body.results.forEach(function (r) {
        var row = el('button', 'goal row');
        row.type = 'button';
        row.dataset.value = r.name;
        row.dataset.visitors = String(r.visitors);
        row.dataset.events = String(r.events);
        row.dataset.conversionRate = String(r.conversion_rate);
        row.title = 'Filter by goal ' + r.name;
        var fill = el('span', 'fill');
        fill.style.width = Math.min(100, r.conversion_rate).toFixed(1) + '%';
        row.appendChild(fill);
        row.appendChild(el('span', 'name', r.name));
        row.appendChild(el('span', 'count', formatNumber(r.visitors)));
        row.appendChild(el('span', 'count', formatNumber(r.events)));
        row.appendChild(el('span', 'count', r.conversion_rate + '%'));
        if (revenue) {
          var money = el('span', 'count revenue', r.revenue
            ? formatMoney(r.revenue.total, r.revenue.currency) : '–');
          if (r.revenue) {
            money.dataset.total = String(r.revenue.total);
            money.title = 'Average ' + formatMoney(r.revenue.average, r.revenue.currency);
          }
          row.appendChild(money);
        }
        row.addEventListener('click', function () { addFilter('goal', r.name); });
        table.appendChild(row);
      });
      panel.appendChild(table);
    }).catch(panelFailed(panel, 'Goal conversions'));
  }

  // A funnel: one bar per step, as wide as its share of the first step's visitors, with its
  // visitors, drop-off and conversion.
  function renderFunnel(loadGeneration) {
    var panel = document.querySelector('[data-panel="funnel"]');
    return api('funnels').then(function (list) {
      var names = list.results.map(function (f) { return f.name; });
      if (names.indexOf(chosenFunnel) < 0) { chosenFunnel = names.length ? names[0] : null; }
      if (!chosenFunnel) { return null; }
      return report('funnel', '&funnel=' + encodeURIComponent(chosenFunnel)).then(function (body) {
        return { names: names, body: body };
      });
    }).then(function (answer) {
      if (loadGeneration !== generation) { return; }
      panel.replaceChildren();
      if (!answer) {
        panelHeading(panel, 'Funnel');
        panel.appendChild(el('div', 'none', shared ? 'No funnels yet.'
          : 'No funnels yet: add one under “Manage goals and funnels”.'));
        return;
      }
      panelHeading(panel, 'Funnel', answer.names, chosenFunnel, function (name) {
        chosenFunnel = name;
        renderFunnel(generation);
      }, 'Funnel');
      var steps = el('ol', 'funnel');
      answer.body.steps.forEach(function (step, i) {
        var item = el('li', 'step');
        item.dataset.goal = step.goal;
        item.dataset.visitors = String(step.visitors);
        item.dataset.dropoff = String(step.dropoff);
        item.dataset.conversionRate = String(step.conversion_rate);
        var label = el('div', 'step-label');
        label.appendChild(el('span', 'name', (i + 1) + '. ' + step.goal));
        label.appendChild(el('span', 'count', formatNumber(step.visitors) + ' visitors · '
          + step.conversion_rate + '%'));
        item.appendChild(label);
        var track = el('div', 'step-track');
        var bar = el('div', 'step-bar');
        bar.style.width = Math.min(100, step.conversion_rate).toFixed(1) + '%';
        track.appendChild(bar);
        item.appendChild(track);
        if (i > 0) {
          item.appendChild(el('div', 'step-drop', '↓ ' + formatNumber(step.dropoff) + ' dropped off ('
            + step.step_conversion_rate + '% of the previous step went on)'));
        }
        steps.appendChild(item);
      });
      panel.appendChild(steps);
    }).catch(panelFailed(panel, 'Funnel'));
  }

  // Properties: the prop keys seen in the period; the chosen one broken down by its values, and a
  // click on a value filters by it.
  function renderProps(loadGeneration) {
    var panel = document.querySelector('[data-panel="props"]');
    return report('props', '&limit=100').then(function (keys) {
      if (keys.results.indexOf(chosenProp) < 0) {
        chosenProp = keys.results.length ? keys.results[0] : null;
      }
      if (!chosenProp) { return { keys: [] }; }
      return report('breakdown?dimension=' + encodeURIComponent('prop:' + chosenProp)
        + '&metrics=visitors,events', '&limit=' + ROWS).then(function (body) {
        return { keys: keys.results, body: body };
      });
    }).then(function (answer) {
      if (loadGeneration !== generation) { return; }
      panel.replaceChildren();
      panelHeading(panel, 'Properties', answer.keys, chosenProp, function (key) {
        chosenProp = key;
        renderProps(generation);
      }, 'Property');
      var list = el('div', 'rows');
      if (!answer.body) {
        list.appendChild(el('div', 'none', 'No custom properties in this period'));
      } else {
        renderRows(list, answer.body.results, 'prop:' + chosenProp, 'visitors', []);
      }
      panel.appendChild(list);
    }).catch(panelFailed(panel, 'Properties'));
  }

  // ---- managing goals and funnels ----------------------------------------------------------------

  var manageOpen = false;

  // A goal or funnel name in a path: encoded, but with its slashes as they are (containers refuse
  // an encoded slash in a path).
  function pathName(name) {
    return encodeURIComponent(name).replace(/%2F/gi, '/');
  }

  function change(method, path, body) {
    return api(path, method, body).then(function () { return load(); });
  }

  function input(placeholder, label) {
    var field = el('input');
    field.placeholder = placeholder;
    field.setAttribute('aria-label', label);
    return field;
  }

  function button(text, className) {
    var b = el('button', className, text);
    b.type = 'button';
    return b;
  }

  // Lists the site's goals and funnels, each with a delete button, and forms that add them; any
  // refusal (a taken name, a goal a funnel uses) is shown as the API words it.
  function renderManage(loadGeneration) {
    var panel = document.querySelector('[data-panel="manage"]');
    return Promise.all([api('goals'), api('funnels')]).then(function (answers) {
      if (loadGeneration !== generation) { return; }
      var goals = answers[0].results, funnels = answers[1].results;
      panel.replaceChildren();
      var details = el('details', 'manage');
      details.open = manageOpen;
      details.addEventListener('toggle', function () { manageOpen = details.open; });
      details.appendChild(el('summary', null, 'Manage goals and funnels'));
      var error = el('p', 'error');
      error.hidden = true;
      function refused(e) {
        error.hidden = false;
        error.textContent = e.message;
      }

      details.appendChild(el('h3', null, 'Goals'));
      goals.forEach(function (goal) {
        var item = el('div', 'item');
        item.dataset.goal = goal.name;
        var what = goal.page_path ? 'pageview of ' + goal.page_path
          : 'event ' + goal.event_name + (goal.currency ? ', revenue in ' + goal.currency : '');
        item.appendChild(el('span', null, goal.name + ' — ' + what));
        var remove = button('Delete', 'delete');
        remove.setAttribute('aria-label', 'Delete goal ' + goal.name);
        remove.addEventListener('click', function () {
          change('DELETE', 'goals/' + pathName(goal.name)).catch(refused);
        });
        item.appendChild(remove);
        details.appendChild(item);
      });
      var goalForm = el('form', 'add-goal');
      var kind = el('select');
      kind.setAttribute('aria-label', 'Goal kind');
      [['event', 'Custom event'], ['page', 'Pageview']].forEach(function (k) {
        var option = el('option', null, k[1]);
        option.value = k[0];
        kind.appendChild(option);
      });
      var target = input('Event name or /page/*', 'Event name or page path');
      var goalName = input('Name (optional)', 'Goal name');
      var currency = input('Currency (revenue)', 'Currency');
      var addGoal = el('button', null, 'Add goal');
      addGoal.type = 'submit';
      [kind, target, goalName, currency, addGoal].forEach(function (n) { goalForm.appendChild(n); });
      goalForm.addEventListener('submit', function (event) {
        event.preventDefault();
        var body = {};
        body[kind.value === 'page' ? 'page_path' : 'event_name'] = target.value;
        if (goalName.value.trim()) { body.name = goalName.value; }
        if (currency.value.trim()) { body.currency = currency.value.trim().toUpperCase(); }
        change('POST', 'goals', body).catch(refused);
      });
      details.appendChild(goalForm);

      details.appendChild(el('h3', null, 'Funnels'));
      funnels.forEach(function (funnel) {
        var item = el('div', 'item');
        item.dataset.funnel = funnel.name;
        item.appendChild(el('span', null, funnel.name + ' — ' + funnel.steps.join(' → ')));
        var remove = button('Delete', 'delete');
        remove.setAttribute('aria-label', 'Delete funnel ' + funnel.name);
        remove.addEventListener('click', function () {
          change('DELETE', 'funnels/' + pathName(funnel.name)).catch(refused);
        });
        item.appendChild(remove);
        details.appendChild(item);
      });
      var funnelForm = el('form', 'add-funnel');
      var funnelName = input('Funnel name', 'Funnel name');
      var step = el('select');
      step.setAttribute('aria-label', 'Step');
      goals.forEach(function (goal) {
        var option = el('option', null, goal.name);
        option.value = goal.name;
        step.appendChild(option);
      });
      var steps = [];
      var chosen = el('span', 'steps', 'Steps: none yet');
      var addStep = button('Add step');
      addStep.addEventListener('click', function () {
        if (step.value && steps.indexOf(step.value) < 0) { steps.push(step.value); }
        chosen.textContent = 'Steps: ' + steps.join(' → ');
      });
      var addFunnel = el('button', null, 'Add funnel');
      addFunnel.type = 'submit';
      [funnelName, step, addStep, addFunnel, chosen].forEach(function (n) {
        funnelForm.appendChild(n);
      });
      funnelForm.addEventListener('submit', function (event) {
        event.preventDefault();
        change('POST', 'funnels', { name: funnelName.value, steps: steps }).catch(refused);
      });
      details.appendChild(funnelForm);
      details.appendChild(error);
      panel.appendChild(details);
    }).catch(panelFailed(panel, 'Goals and funnels'));
  }

  // ---- shared links ------------------------------------------------------------------------------

  var sharesOpen = false;
  // The link just created: its URL is shown until the next page load, as the API answers it once.
  var createdLink = null;

  // Lists the site's shared links, each with a revoke button, and a form that creates one (with an
  // optional password); a new link's URL is shown once, to copy.
  function renderShares(loadGeneration) {
    var panel = document.querySelector('[data-panel="share"]');
    return api('shared-links').then(function (list) {
      if (loadGeneration !== generation) { return; }
      panel.replaceChildren();
      var details = el('details', 'manage shares');
      details.open = sharesOpen;
      details.addEventListener('toggle', function () { sharesOpen = details.open; });
      details.appendChild(el('summary', null, 'Shared links'));
      var error = el('p', 'error');
      error.hidden = true;
      function refused(e) {
        error.hidden = false;
        error.textContent = e.message;
      }
      if (createdLink) {
        var fresh = el('div', 'item created');
        fresh.appendChild(el('span', null, 'New link “' + createdLink.name
          + '” (copy it now, it is not shown again):'));
        var url = el('input');
        url.id = 'shared-link-url';
        url.readOnly = true;
        url.value = createdLink.url;
        url.setAttribute('aria-label', 'New shared link');
        fresh.appendChild(url);
        details.appendChild(fresh);
      }
      list.results.forEach(function (link) {
        var item = el('div', 'item');
        item.dataset.sharedLink = link.id;
        item.appendChild(el('span', null, link.name + ' — created ' + link.created_at.slice(0, 10)
          + (link.password_protected ? ', with a password' : '')));
        var revoke = button('Revoke', 'delete');
        revoke.setAttribute('aria-label', 'Revoke shared link ' + link.name);
        revoke.addEventListener('click', function () {
          createdLink = null;
          change('DELETE', 'shared-links/' + encodeURIComponent(link.id)).catch(refused);
        });
        item.appendChild(revoke);
        details.appendChild(item);
      });
      var form = el('form', 'add-share');
      var name = input('Name (optional)', 'Shared link name');
      var password = input('Password (optional)', 'Shared link password');
      password.type = 'password';
      password.autocomplete = 'new-password';
      var create = el('button', null, 'Create link');
      create.type = 'submit';
      [name, password, create].forEach(function (n) { form.appendChild(n); });
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        var body = { name: name.value };
        if (password.value) { body.password = password.value; }
        api('shared-links', 'POST', body).then(function (link) {
          // The path is relative to where Footfall is mounted, three levels above this page.
          createdLink = { name: link.name, url: new URL('../../..' + link.path, location.href).href };
          sharesOpen = true;
          return load();
        }).catch(refused);
      });
      details.appendChild(form);
      details.appendChild(error);
      panel.appendChild(details);
    }).catch(panelFailed(panel, 'Shared links'));
  }

  // ---- imports -----------------------------------------------------------------------------------

  var importsOpen = false;

  // Lists the site's imports from Plausible, each with a delete button, and a form that uploads
  // Plausible's CSV export ZIP; a refused file is shown as the API words it (file, line, column).
  function renderImports(loadGeneration) {
    var panel = document.querySelector('[data-panel="imports"]');
    return api('imports').then(function (list) {
      if (loadGeneration !== generation) { return; }
      panel.replaceChildren();
      var details = el('details', 'manage imports');
      details.open = importsOpen;
      details.addEventListener('toggle', function () { importsOpen = details.open; });
      details.appendChild(el('summary', null, 'Imported data'));
      var error = el('p', 'error');
      error.id = 'import-error';
      error.hidden = true;
      function refused(e) {
        error.hidden = false;
        error.textContent = e.message;
      }
      list.results.forEach(function (imported) {
        var item = el('div', 'item');
        item.dataset.import = imported.id;
        item.appendChild(el('span', null, imported.source + ': ' + imported.from + ' to '
          + imported.to + ' (' + imported.rows + ' rows)'));
        var remove = button('Delete', 'delete');
        remove.setAttribute('aria-label', 'Delete import ' + imported.source);
        remove.addEventListener('click', function () {
          change('DELETE', 'imports/' + encodeURIComponent(imported.id)).catch(refused);
        });
        item.appendChild(remove);
        details.appendChild(item);
      });
      var form = el('form', 'add-import');
      var file = el('input');
      file.type = 'file';
      file.accept = '.zip,application/zip';
      file.setAttribute('aria-label', 'Plausible CSV export (ZIP)');
      var upload = el('button', null, 'Import from Plausible');
      upload.type = 'submit';
      [file, upload].forEach(function (n) { form.appendChild(n); });
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        if (!file.files.length) {
          refused(new Error('Choose the ZIP of Plausible\'s CSV export first.'));
          return;
        }
        var chosen = file.files[0];
        var headers = { Accept: 'application/json', 'Content-Type': 'application/zip' };
        if (apiKey) { headers.Authorization = 'Bearer ' + apiKey; }
        upload.disabled = true;
        fetch(apiBase + 'imports?source=' + encodeURIComponent(chosen.name), {
          method: 'POST', headers: headers, credentials: 'same-origin', body: chosen
        }).then(function (response) {
          return response.json().catch(function () { return {}; }).then(function (body) {
            if (!response.ok) { throw new Error(body.error || ('HTTP ' + response.status)); }
            importsOpen = true;
            return load();
          });
        }).catch(function (e) {
          upload.disabled = false;
          refused(e);
        });
      });
      details.appendChild(form);
      details.appendChild(error);
      panel.appendChild(details);
    }).catch(panelFailed(panel, 'Imported data'));
  }

  // ---- email reports -----------------------------------------------------------------------------

  var emailsOpen = false;

  // Lists the site's email report recipients, each with a remove button, and a form that adds one
  // (an address and weekly or monthly); refusals (an invalid address) are shown as the API words them.
  function renderEmailReports(loadGeneration) {
    var panel = document.querySelector('[data-panel="email"]');
    return api('email-reports').then(function (list) {
      if (loadGeneration !== generation) { return; }
      panel.replaceChildren();
      var details = el('details', 'manage emails');
      details.open = emailsOpen;
      details.addEventListener('toggle', function () { emailsOpen = details.open; });
      details.appendChild(el('summary', null, 'Email reports'));
      var error = el('p', 'error');
      error.hidden = true;
      function refused(e) {
        error.hidden = false;
        error.textContent = e.message;
      }
      list.results.forEach(function (recipient) {
        var item = el('div', 'item');
        item.dataset.emailRecipient = recipient.id;
        item.appendChild(el('span', null, recipient.address + ' — ' + recipient.cadence
          + ', since ' + recipient.created_at.slice(0, 10)));
        var remove = button('Remove', 'delete');
        remove.setAttribute('aria-label', 'Stop the ' + recipient.cadence + ' reports to '
          + recipient.address);
        remove.addEventListener('click', function () {
          change('DELETE', 'email-reports/' + encodeURIComponent(recipient.id)).catch(refused);
        });
        item.appendChild(remove);
        details.appendChild(item);
      });
      var form = el('form', 'add-email');
      var address = input('name@example.com', 'Email address');
      address.type = 'email';
      var cadence = el('select');
      cadence.setAttribute('aria-label', 'How often');
      ['weekly', 'monthly'].forEach(function (value) {
        var option = el('option', null, value);
        option.value = value;
        cadence.appendChild(option);
      });
      var add = el('button', null, 'Add recipient');
      add.type = 'submit';
      [address, cadence, add].forEach(function (n) { form.appendChild(n); });
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        emailsOpen = true;
        change('POST', 'email-reports', { address: address.value, cadence: cadence.value })
          .catch(refused);
      });
      details.appendChild(form);
      details.appendChild(error);
      panel.appendChild(details);
    }).catch(panelFailed(panel, 'Email reports'));
  }

  function renderChips() {
    var chips = $('chips');
    chips.replaceChildren();
    state().filters.forEach(function (filter, index) {
      var chip = el('button', 'chip', describe(filter) + ' ✕');
      chip.type = 'button';
      chip.title = 'Remove this filter';
      chip.dataset.filter = filter;
      chip.addEventListener('click', function () {
        var s = state();
        s.filters.splice(index, 1);
        setState(s);
      });
      chips.appendChild(chip);
    });
  }

  function renderEmptyState(overview) {
    if (overview.metrics.visitors.value > 0 || state().filters.length) {
      $('empty').hidden = true;
      return Promise.resolve();
    }
    return api('analytics/overview?period=all&metrics=visitors').then(function (all) {
      $('empty').hidden = all.metrics.visitors.value > 0;
      $('snippet').hidden = shared;
      $('snippet').previousElementSibling.hidden = shared;
      $('snippet').textContent = '<script defer data-website-id="' + site
        + '" src="/analytics.js"></script>';
    });
  }

  function refreshRealtime() {
    return api('analytics/realtime').then(function (body) {
      $('live-count').textContent = String(body.current_visitors);
    });
  }

  function loadSites() {
    return api('../../websites').then(function (body) {
      var select = $('site');
      select.replaceChildren();
      body.results.forEach(function (s) {
        var option = el('option', null, s.name + ' (' + s.domain + ')');
        option.value = s.id;
        option.selected = s.id === site;
        select.appendChild(option);
      });
      select.hidden = body.results.length < 2;
    });
  }

  function load() {
    var s = state();
    var current = ++generation;
    $('period').value = s.period;
    $('custom').hidden = s.period !== 'custom';
    $('start').value = s.start;
    $('end').value = s.end;
    renderChips();
    return report('overview').then(function (overview) {
      if (current !== generation) { return; }
      $('login').hidden = true;
      $('message').hidden = true;
      $('dashboard').hidden = false;
      document.title = 'Footfall · ' + site;
      renderCards(overview);
      return Promise.all([
        renderEmptyState(overview),
        report('timeseries', '&interval=' + interval(s)).then(function (series) {
          if (current === generation) { renderChart(series); }
        }),
        renderPanel('pages', current), renderPanel('sources', current),
        renderPanel('locations', current), renderPanel('devices', current),
        renderPanel('events', current), renderProps(current), renderGoals(current),
        renderFunnel(current), shared ? null : renderManage(current),
        shared ? null : renderShares(current), shared ? null : renderImports(current),
        shared ? null : renderEmailReports(current),
        refreshRealtime()
      ]);
    }).then(function () {
      if (current === generation) {
        document.body.dataset.loaded = String(current);
        // Lets a load test read when the whole dashboard was drawn (Performance API).
        performance.mark('footfall-loaded');
      }
    }).catch(failed);
  }

  // ---- wiring -------------------------------------------------------------------------------------

  if (shared) {
    $('site').hidden = true;
    document.body.classList.add('shared');
  }
  $('login').addEventListener('submit', function (event) {
    event.preventDefault();
    apiKey = $('key').value.trim();
    sessionStorage.setItem(KEY_STORAGE, apiKey);
    loadSites().then(load).catch(failed);
  });
  $('period').addEventListener('change', function () {
    var s = state();
    s.period = $('period').value;
    if (s.period === 'custom') {
      $('custom').hidden = false;
      return;
    }
    setState(s);
  });
  $('apply').addEventListener('click', function () {
    var s = state();
    s.period = 'custom';
    s.start = $('start').value;
    s.end = $('end').value;
    if (s.start && s.end) { setState(s); }
  });
  // Export: the period's ZIP from the admin API. A link cannot send the Authorization header, so
  // the file is fetched and handed to the browser as a blob under the name the server gives.
  $('export').addEventListener('click', function () {
    var button = $('export');
    var headers = {};
    if (apiKey) { headers.Authorization = 'Bearer ' + apiKey; }
    button.disabled = true;
    $('export-error').hidden = true;
    fetch('export?' + periodQuery(state()), { headers: headers, credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) {
          return response.json().catch(function () { return {}; }).then(function (body) {
            var error = new Error(body.error || ('HTTP ' + response.status));
            error.status = response.status;
            throw error;
          });
        }
        var disposition = response.headers.get('Content-Disposition') || '';
        var name = /filename="([^"]+)"/.exec(disposition);
        return response.blob().then(function (blob) {
          var url = URL.createObjectURL(blob);
          var link = document.createElement('a');
          link.href = url;
          link.download = name ? name[1] : 'footfall-export.zip';
          document.body.appendChild(link);
          link.click();
          link.remove();
          setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
        });
      })
      .catch(function (error) {
        if (error.status === 401) { failed(error); return; }
        $('export-error').textContent = 'Export failed: ' + error.message;
        $('export-error').hidden = false;
      })
      .then(function () { button.disabled = false; });
  });
  $('site').addEventListener('change', function () {
    location.href = '../' + encodeURIComponent($('site').value) + '/analytics' + location.search;
  });
  $('live').addEventListener('click', function () { refreshRealtime().catch(failed); });
  window.addEventListener('popstate', load);
  window.addEventListener('resize', function () {
    if (chart) { chart.setSize({ width: Math.max(280, $('chart').clientWidth), height: 260 }); }
  });
  setInterval(function () {
    if (!$('dashboard').hidden) { refreshRealtime().catch(function () {}); }
  }, REALTIME_EVERY_MS);

  (shared ? load() : loadSites().then(load)).catch(failed);
}());
