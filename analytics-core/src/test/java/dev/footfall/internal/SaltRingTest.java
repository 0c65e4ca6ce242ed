package dev.footfall.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.StorageException;
import dev.footfall.memory.InMemoryStorage;
import dev.footfall.spi.Salt;
import dev.footfall.spi.SaltStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class SaltRingTest {
  private static final Instant DAY_ONE = Instant.parse("2026-11-20T12:00:00Z");

  /** A salt store that can be switched off. */
  private static final class SwitchableStore implements SaltStore {
    final SaltStore delegate = InMemoryStorage.create().salts();
    boolean down;

    private void check() {
      if (down) {
        throw new StorageException("salt store is down", null);
      }
    }

    @Override
    public Salt getOrCreate(LocalDate day, byte[] candidate) {
      check();
      return delegate.getOrCreate(day, candidate);
    }

    @Override
    public List<Salt> list() {
      check();
      return delegate.list();
    }

    @Override
    public int deleteBefore(LocalDate day) {
      check();
      return delegate.deleteBefore(day);
    }
  }

  @Test
  void storeDownAtMidnight_newDayStillGetsANewKeyAndYesterdaysStaysPrevious() {
    SwitchableStore store = new SwitchableStore();
    List<String> errors = new ArrayList<>();
    SaltRing ring = new SaltRing(store, (operation, error) -> errors.add(operation));
    SaltRing.Keys dayOne = ring.keysAt(DAY_ONE);
    assertThat(dayOne.persisted()).isTrue();

    store.down = true;
    SaltRing.Keys dayTwo = ring.keysAt(DAY_ONE.plus(Duration.ofDays(1)));

    assertThat(errors).containsExactly("rotate salts");
    assertThat(dayTwo.day()).isEqualTo(LocalDate.of(2026, 11, 21));
    assertThat(dayTwo.persisted()).isFalse();
    assertThat(dayTwo.current().hash("s", "ip", "ua"))
        .isNotEqualTo(dayOne.current().hash("s", "ip", "ua"));
    assertThat(dayTwo.previous()).isSameAs(dayOne.current());
    // Within the retry interval the in-memory key is kept, without asking the store again.
    assertThat(ring.keysAt(DAY_ONE.plus(Duration.ofDays(1)).plusSeconds(1))).isSameAs(dayTwo);
    assertThat(errors).hasSize(1);

    store.down = false;
    SaltRing.Keys recovered = ring.keysAt(DAY_ONE.plus(Duration.ofDays(1)).plusSeconds(60));
    assertThat(recovered.persisted()).isTrue();
  }

  @Test
  void storeDownForDays_neverReusesAnOlderDaysKey() {
    SwitchableStore store = new SwitchableStore();
    SaltRing ring = new SaltRing(store, (operation, error) -> { });
    SaltRing.Keys dayOne = ring.keysAt(DAY_ONE);
    store.down = true;
    SaltRing.Keys dayTwo = ring.keysAt(DAY_ONE.plus(Duration.ofDays(1)));
    SaltRing.Keys dayThree = ring.keysAt(DAY_ONE.plus(Duration.ofDays(2)));

    assertThat(dayThree.day()).isEqualTo(LocalDate.of(2026, 11, 22));
    assertThat(dayThree.current()).isNotSameAs(dayTwo.current()).isNotSameAs(dayOne.current());
    assertThat(dayThree.previous()).isSameAs(dayTwo.current());
  }
}
