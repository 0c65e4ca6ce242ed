package dev.footfall.internal;

import dev.footfall.Event;
import dev.footfall.EventType;
import dev.footfall.Session;
import dev.footfall.SessionManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Events given their sessions, ready to store: each event with its session's visitor and session
 * id, and the latest snapshot of each session they changed. An {@linkplain EventType#ENGAGEMENT
 * engagement} changes no session: it takes the id of the visitor's open session if there is one
 * (0 if not), looked up without changing it. Used by the single instance's ingest
 * thread and by cluster mode's consumer alike. Not thread-safe.
 */
public final class SessionizedBatch {
  private final SessionManager sessions;
  private final List<Event> events;
  private final Map<Long, Session> changed = new LinkedHashMap<>();

  public SessionizedBatch(SessionManager sessions, int expectedEvents) {
    this.sessions = sessions;
    this.events = new ArrayList<>(expectedEvents);
  }

  /**
   * Assigns an event its session ({@link SessionManager#assign(Event, OptionalLong)}) and adds it.
   */
  public void add(Event event, OptionalLong previousVisitorId) {
    if (event.type() == EventType.ENGAGEMENT) {
      addEngagement(event, previousVisitorId);
      return;
    }
    Session session = sessions.assign(event, previousVisitorId);
    events.add(event.toBuilder()
        .visitorId(session.visitorId())
        .sessionId(session.sessionId())
        .build());
    changed.put(session.sessionId(), session);
  }

  /**
   * Adds an engagement with the visitor's open session, under yesterday's visitor id when only
   * that one has a session open (a visit that crossed midnight), as {@link
   * SessionManager#assign(Event, OptionalLong)} would.
   */
  private void addEngagement(Event engagement, OptionalLong previousVisitorId) {
    long visitorId = engagement.visitorId();
    OptionalLong session = sessions.currentSessionId(engagement.siteId(), visitorId,
        engagement.timestamp());
    if (session.isEmpty() && previousVisitorId.isPresent()) {
      OptionalLong previous = sessions.currentSessionId(engagement.siteId(),
          previousVisitorId.getAsLong(), engagement.timestamp());
      if (previous.isPresent()) {
        visitorId = previousVisitorId.getAsLong();
        session = previous;
      }
    }
    events.add(engagement.toBuilder().visitorId(visitorId).sessionId(session.orElse(0)).build());
  }

  /** Returns the events and engagements, in the order added. */
  public List<Event> events() {
    return events;
  }

  /** Returns the latest snapshot of each session the events changed. */
  public Collection<Session> sessions() {
    return changed.values();
  }
}
