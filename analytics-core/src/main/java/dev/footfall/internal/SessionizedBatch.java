package dev.footfall.internal;

import dev.footfall.Event;
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
 * id, and the latest snapshot of each session they changed. Used by the single instance's ingest
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
    Session session = sessions.assign(event, previousVisitorId);
    events.add(event.toBuilder()
        .visitorId(session.visitorId())
        .sessionId(session.sessionId())
        .build());
    changed.put(session.sessionId(), session);
  }

  /** Returns the events, in the order added. */
  public List<Event> events() {
    return events;
  }

  /** Returns the latest snapshot of each session the events changed. */
  public Collection<Session> sessions() {
    return changed.values();
  }
}
