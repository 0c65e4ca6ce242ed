!function(w,d){var s=d.currentScript,l=w.location,n=w.navigator,h=w.history,M=Math,N=Date.now,
O='addEventListener',L,U,D,E=0,T=d.hidden?0:N(),
a=function(k){return s.getAttribute('data-'+k)},
A=a('api')||s.src.replace(/analytics(\.ext)?\.js([?#].*)?$/,'api/event'),
H=a('hash')!=null,q=w.trackEvent&&w.trackEvent.q||[];
function I(o,k){try{var v=o.getItem(k);v||o.setItem(k,v=M.random().toString(36).slice(2));return v}catch(e){}}
function t(m,p,o,x){
try{if(localStorage.footfall_ignore=='true')return}catch(e){}
if(n.webdriver&&a('allow-webdriver')==null||a('allow-local')==null&&(/^(localhost|127\.|\[::1\]$)/.test(l.hostname)||l.protocol=='file:'))return;
var e={n:m,u:l.href,d:a('domain')||l.hostname,r:d.referrer,website_id:a('website-id'),p:p,i:!(o&&o.interactive===!1),h:H};
if(a('identity')=='storage')e.visitor_id=I(localStorage,'footfall_vid'),e.session_id=I(sessionStorage,'footfall_sid');
e=JSON.stringify(Object.assign(e,x));
n.sendBeacon&&n.sendBeacon(A,e)||fetch(A,{method:'POST',body:e,keepalive:!0}).catch(function(){})}
function c(){D=M.max(D,M.min(100,M.round(100*(w.scrollY+w.innerHeight)/d.documentElement.scrollHeight)||0))}
function g(){T&&(E+=N()-T,T=N());U&&E&&(t('engagement',null,0,{u:U,sd:D,e:E}),E=0)}
function v(){var p=l.pathname+(H?l.hash:'');p!=L&&(g(),L=p,U=l.href,D=0,c(),t('pageview'))}
w.trackEvent=t;q.map(function(x){t.apply(w,x)});
['pushState','replaceState'].forEach(function(m){var f=h[m];h[m]=function(){f.apply(this,arguments);v()}});
w[O]('popstate',v);H&&w[O]('hashchange',v);w[O]('scroll',c,{passive:!0});
w[O]('pagehide',g);d[O]('visibilitychange',function(){d.hidden?(g(),T=0):T=N()});
v()}(window,document);
