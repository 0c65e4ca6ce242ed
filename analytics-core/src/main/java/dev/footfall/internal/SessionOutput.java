package dev.footfall.internal;

import dev.footfall.ErrorListener;
import dev.footfall.Event;
import dev.footfall.SessionManager;
import dev.footfall.TrackResult;
import java.util.List;
import java.util.OptionalLong;

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
    SessionizedBatch sessionized = new SessionizedBatch(sessions, accepted.size());
    for (IngestWorker.Accepted a : accepted) {
      Event event = a.event();
      // Yesterday's id is hashed only when today's continues no session (rarely: a new visitor).
      sessionized.add(event, sessions.hasSession(event.siteId(), event.visitorId(),
          event.timestamp()) ? OptionalLong.empty() : a.previousVisitorId().get());
      a.pending().report(TrackResult.accepted(), errors);
    }
    BatchWriter.Batch batch = new BatchWriter.Batch(sessionized.events(),
        List.copyOf(sessionized.sessions()), List.copyOf(markers));
    try {
      writer.submit(batch);
    } catch (InterruptedException e) {
      writer.abandon(batch);
      throw e;
    }
  }
}
