package dev.footfall.internal;

import dev.footfall.DropReason;
import dev.footfall.ErrorListener;
import dev.footfall.Event;
import dev.footfall.RequestContext;
import dev.footfall.Site;
import dev.footfall.TrackRequest;
import dev.footfall.spi.GeoLocator;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Turns a validated request into a storable event: site lookup, bot filter, User-Agent
 * classification, attribution, country (trusted header, else {@link GeoLocator}) and visitor id (stages 2 to 6 of the pipeline; the caller
 * assigns the session). The raw IP address and User-Agent are used here and go no further.
 *
 * <p>The visitor id is a keyed hash of today's salt, the site, the IP and the User-Agent; the id
 * under yesterday's salt comes with it, so that whoever assigns the session can keep that one while
 * the visitor's session under it is open and a visit that crosses midnight (UTC) continues ({@link
 * dev.footfall.SessionManager#assign(Event, OptionalLong)}). A client-supplied visitor id is hashed
 * with the site instead, without a salt, so that it stays stable across days as the client
 * intended.
 *
 * <p>Thread-safe if its collaborators are.
 */
public final class Enricher {
  private static final Supplier<OptionalLong> NO_PREVIOUS_ID = OptionalLong::empty;

  private final Function<String, Optional<Site>> sites;
  private final UserAgentClassifier classifier;
  private final Attribution attribution;
  private final SaltRing salts;
  private final GeoLocator geo;
  private final ErrorListener errors;

  public Enricher(Function<String, Optional<Site>> sites, UserAgentClassifier classifier,
      Attribution attribution, SaltRing salts, GeoLocator geo, ErrorListener errors) {
    this.sites = sites;
    this.classifier = classifier;
    this.attribution = attribution;
    this.salts = salts;
    this.geo = geo;
    this.errors = errors;
  }

  /**
   * Enriches one request.
   *
   * @param receivedAt when the tracker received it: the event time unless the request has its own,
   *     and the time that picks the day's salt
   */
  public Result enrich(TrackRequest request, Instant receivedAt) {
    Optional<Site> site = sites.apply(request.siteId());
    if (site.isEmpty()) {
      return Result.dropped(DropReason.UNKNOWN_SITE);
    }
    RequestContext context = request.context();
    String userAgent = context.userAgent();
    boolean classifiable = !userAgent.isBlank()
        && userAgent.length() <= BotFilter.MAX_USER_AGENT_LENGTH;
    ClientInfo client = classifiable ? classifier.classify(userAgent) : ClientInfo.UNKNOWN;
    Optional<DropReason> bot = BotFilter.check(userAgent, client, request.visitorId().isPresent());
    if (bot.isPresent()) {
      return Result.dropped(bot.get());
    }

    Attribution.Attributed source =
        attribution.attribute(request.url(), request.referrer(), site.get().domain());
    Instant timestamp = request.timestamp().orElse(receivedAt);
    long visitorId;
    Supplier<OptionalLong> previousVisitorId = NO_PREVIOUS_ID;
    if (request.visitorId().isPresent()) {
      visitorId = KeyedHasher.unkeyed(request.siteId(), request.visitorId().get());
    } else {
      SaltRing.Keys keys = salts.keysAt(receivedAt);
      visitorId = dailyVisitorId(keys.current(), request);
      KeyedHasher previous = keys.previous();
      if (previous != null) {
        previousVisitorId = () -> OptionalLong.of(dailyVisitorId(previous, request));
      }
    }
    // The registry's id, equal to the request's: sessions held in memory then share one copy.
    Event event = Event.builder(site.get().id(), request.type())
        .name(request.name())
        .hostname(source.hostname())
        .pathname(source.pathname())
        .referrer(source.referrer())
        .referrerSource(source.referrerSource())
        .utm(source.utm())
        .visitorId(visitorId)
        .browser(client.browser())
        .browserVersion(client.browserVersion())
        .os(client.os())
        .osVersion(client.osVersion())
        .deviceType(client.deviceType())
        .country(country(context))
        .interactive(request.interactive())
        .props(request.props())
        .revenue(request.revenue().orElse(null))
        .scrollDepth(request.scrollDepth())
        .engagedTime(request.engagedTime())
        .timestamp(timestamp)
        .build();
    return new Result(event, previousVisitorId, null);
  }

  /**
   * The country from a trusted header if the request had one, else from the {@link GeoLocator} for
   * a public address; private and reserved addresses are never looked up.
   */
  private String country(RequestContext context) {
    if (!context.country().isEmpty()) {
      return context.country();
    }
    InetAddress address = IpAddresses.parse(context.clientIp());
    if (address == null || !IpAddresses.isPublic(address)) {
      return "";
    }
    try {
      return CountryCodes.normalize(geo.countryOf(address));
    } catch (RuntimeException e) {
      errors.onError("locate country", e);
      return "";
    }
  }

  private static long dailyVisitorId(KeyedHasher key, TrackRequest request) {
    RequestContext context = request.context();
    return key.hash(request.siteId(), context.clientIp(), context.userAgent());
  }

  /**
   * An enriched event, or why there is none.
   *
   * @param event the event without its session, or {@code null} when dropped
   * @param previousVisitorId the visitor's id under yesterday's salt, if it has one, hashed when
   *     asked for (on the thread that enriched), since a single instance needs it only for a
   *     visitor whose id under today's salt continues no session
   * @param dropped the reason it was dropped, or {@code null}
   */
  public record Result(Event event, Supplier<OptionalLong> previousVisitorId,
      DropReason dropped) {
    static Result dropped(DropReason reason) {
      return new Result(null, NO_PREVIOUS_ID, reason);
    }
  }
}
