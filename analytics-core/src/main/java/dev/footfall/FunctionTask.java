package dev.footfall;

import java.time.Duration;
import java.util.function.Function;

/** A {@link ScheduledTask} that runs a function; see {@link ScheduledTask#of}. */
record FunctionTask(String name, Duration interval, Function<Analytics, String> work)
    implements ScheduledTask {

  @Override
  public String run(Analytics analytics) {
    return work.apply(analytics);
  }
}
