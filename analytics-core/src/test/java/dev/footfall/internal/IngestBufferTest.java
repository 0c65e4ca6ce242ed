package dev.footfall.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.DropReason;
import dev.footfall.ErrorListener;
import dev.footfall.RequestContext;
import dev.footfall.TrackRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class IngestBufferTest {
  private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
      + " (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
  private final IngestBuffer buffer = new IngestBuffer(10, new IngestCounters(),
      ErrorListener.logging());

  private static TrackRequest ordinary() {
    return TrackRequest.pageview("shop", "https://shop.example/pricing?utm_source=news")
        .referrer("https://www.google.com/")
        .context(RequestContext.of("2001:db8::1:2", CHROME)).build();
  }

  private static TrackRequest large() {
    TrackRequest.Builder builder = TrackRequest.event("shop", "Signup", "https://shop.example/");
    for (int i = 0; i < 20; i++) {
      builder.prop("key" + i, "v".repeat(1_000));
    }
    return builder.build();
  }

  private Optional<DropReason> offer(TrackRequest request) {
    return buffer.offer(request, Instant.EPOCH, IngestBuffer.NO_OUTCOME);
  }

  @Test
  void anOrdinaryRequestTakesOnePlace() {
    assertThat(IngestBuffer.places(ordinary())).isEqualTo(1);
    for (int i = 0; i < 10; i++) {
      assertThat(offer(ordinary())).isEmpty();
    }
    assertThat(offer(ordinary())).contains(DropReason.BUFFER_FULL);
  }

  @Test
  void aLargeRequestTakesOnePlacePerKibibyte() throws Exception {
    assertThat(IngestBuffer.places(large())).isBetween(22, 24); // about 22 KiB of props
    assertThat(offer(ordinary())).isEmpty();
    assertThat(offer(large())).contains(DropReason.BUFFER_FULL);

    List<Object> drained = new ArrayList<>();
    buffer.drain(drained, 10, Duration.ofSeconds(1));
    // Alone it is taken, however large, and then nothing more fits until it is drained.
    assertThat(offer(large())).isEmpty();
    assertThat(offer(ordinary())).contains(DropReason.BUFFER_FULL);
    assertThat(buffer.awaitRoom(Duration.ZERO)).isFalse();
    buffer.drain(drained, 10, Duration.ofSeconds(1));
    assertThat(buffer.awaitRoom(Duration.ZERO)).isTrue();
    assertThat(offer(ordinary())).isEmpty();
    assertThat(drained).hasSize(2);
  }
}
