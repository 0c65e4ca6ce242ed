package dev.footfall.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.footfall.Analytics;
import dev.footfall.memory.InMemoryStorage;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bodies that cannot be read to their end, as any container reports them: classified by the cause
 * chain alone, answered neutrally, and logged at most once a minute for each kind.
 */
final class BodyReaderTest {
  private final List<String> slowLines = new ArrayList<>();
  private final List<String> truncatedLines = new ArrayList<>();
  private long now;
  private final BodyReader reader = new BodyReader(
      new ThrottledLog(slowLines::add, "slow", () -> now),
      new ThrottledLog(truncatedLines::add, "truncated", () -> now));

  private static FakeExchange failing(IOException failure) {
    FakeExchange exchange = new FakeExchange().body("{\"n\":");
    exchange.bodyFailure = failure;
    return exchange;
  }

  @Test
  void timeoutsInTheCauseChain_stoppedArriving408() {
    // Jetty: IOException(TimeoutException); a blocking socket: SocketTimeoutException, wrapped or not.
    for (IOException failure : List.of(new IOException(new TimeoutException("Idle timeout")),
        new SocketTimeoutException("Read timed out"),
        new IOException("read failed", new IOException(new SocketTimeoutException())))) {
      assertThatThrownBy(() -> reader.read(failing(failure), 1000))
          .isInstanceOfSatisfying(IncompleteBodyException.class, e -> {
            assertThat(e.status()).isEqualTo(408);
            assertThat(e.getMessage()).isEqualTo("request body incomplete");
          });
    }
  }

  @Test
  void otherFailures_cutShort400() {
    for (IOException failure : List.of(new EOFException("Early EOF"),
        new IOException("Connection reset by peer"), new IOException("bad chunk", null))) {
      assertThatThrownBy(() -> reader.read(failing(failure), 1000))
          .isInstanceOfSatisfying(IncompleteBodyException.class,
              e -> assertThat(e.status()).isEqualTo(400));
    }
  }

  @Test
  void aCauseChainWithACycle_stillClassified() {
    IOException a = new IOException("a");
    IOException b = new IOException("b", a);
    a.initCause(b);
    assertThat(IncompleteBodyException.of(a).status()).isEqualTo(400);
  }

  @Test
  void eachKind_loggedAtMostOnceAMinute_withTheCountLeftOut() {
    for (int i = 0; i < 5; i++) {
      readFailing(new IOException(new TimeoutException()));
      now += TimeUnit.SECONDS.toNanos(10);
    }
    readFailing(new EOFException());
    assertThat(slowLines).containsExactly("slow; logged at most once a minute");
    assertThat(truncatedLines).containsExactly("truncated; logged at most once a minute");

    now += TimeUnit.SECONDS.toNanos(20); // a minute after the first slow line
    readFailing(new IOException(new TimeoutException()));
    readFailing(new IOException(new TimeoutException()));

    assertThat(slowLines).containsExactly("slow; logged at most once a minute",
        "slow (and 4 more since the previous such line); logged at most once a minute");
    assertThat(truncatedLines).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/event", "/web/analytics/track"})
  void handler_answersNeutrallyWithoutTheExceptionsText(String path) throws Exception {
    try (Analytics analytics = Analytics.builder().storage(InMemoryStorage.create()).build()) {
      AnalyticsHandler handler = AnalyticsHandler.create(analytics);
      FakeExchange slow = failing(new SocketTimeoutException("secret 10.1.2.3 read timed out"));
      slow.path = path;
      FakeExchange cut = failing(new IOException("secret 10.1.2.3 Early EOF"));
      cut.path = path;

      handler.handle(slow);
      handler.handle(cut);

      assertThat(slow.status).isEqualTo(408);
      assertThat(cut.status).isEqualTo(400);
      assertThat(slow.responseText()).isEqualTo("{\"error\":\"request body incomplete\"}");
      assertThat(cut.responseText()).isEqualTo("{\"error\":\"request body incomplete\"}");
      assertThat(slow.responseHeaders).containsEntry("Access-Control-Allow-Origin", "*");
    }
  }

  @Test
  void completeBody_readAsBefore() throws Exception {
    assertThat(reader.read(new FakeExchange().body("{}"), 10)).containsExactly('{', '}');
    assertThatThrownBy(() -> reader.read(new FakeExchange().body("{\"a\":1}"), 3))
        .isInstanceOf(BodyTooLargeException.class);
    assertThat(slowLines).isEmpty();
    assertThat(truncatedLines).isEmpty();
  }

  private void readFailing(IOException failure) {
    try {
      reader.read(failing(failure), 1000);
    } catch (IncompleteBodyException | BodyTooLargeException expected) {
      return;
    }
    throw new AssertionError("the body was read whole");
  }
}
