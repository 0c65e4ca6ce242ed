package dev.footfall.internal;

import dev.footfall.ErrorListener;
import dev.footfall.Event;
import dev.footfall.Session;
import dev.footfall.SessionManager;
import dev.footfall.TrackResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ingest thread's output on a single instance: assigns each event its session here and hands
 * the events and changed sessions to the {@link BatchWriter}.
 */
public final class SessionOutput implements IngestWorker.Output {
  private final SessionManager sessions;
  private final BatchWriter writer;
  private final ErrorListener errors;

  public SessionOutput(SessionManager sessions, BatchWriter writer, ErrorListener errors) {
    this.sessions = sessions;
    this.writer = writer;
    this.errors = errors;
  }

  @Override
  public void submit(List<IngestWorker.Accepted> accepted, List<IngestBuffer.Marker> markers)
      throws InterruptedException {
    List<Event> events = new ArrayList<>(accepted.size());
    Map<Long, Session> changed = new LinkedHashMap<>();
    for (IngestWorker.Accepted a : accepted) {
      Session session = sessions.assign(a.event(), a.previousVisitorId());
      events.add(a.event().toBuilder()
          .visitorId(session.visitorId())
          .sessionId(session.sessionId())
          .build());
      changed.put(session.sessionId(), session);
      a.pending().report(TrackResult.accepted(), errors);
    }
    BatchWriter.Batch batch =
        new BatchWriter.Batch(events, List.copyOf(changed.values()), List.copyOf(markers));
    try {
      writer.submit(batch);
    } catch (InterruptedException e) {
      writer.abandon(batch);
      throw e;
    }
  }
}
