package dev.footfall.benchmarks;

import dev.footfall.geoip.MmdbCountryLocator;
import dev.footfall.geoip.data.BundledCountryDatabase;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Country lookups per second in the bundled database, for random public IPv4 or IPv6 addresses
 * (65,536 distinct ones, cycled): to compare with the ingest rate the lookup must keep up with.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GeoLookupBenchmark {
  @Param({"ipv4", "ipv6"})
  public String family;

  private final InetAddress[] addresses = new InetAddress[65_536];
  private MmdbCountryLocator locator;
  private int next;

  @Setup
  public void setUp() throws UnknownHostException {
    locator = BundledCountryDatabase.locator();
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < addresses.length; i++) {
      byte[] bytes = new byte[family.equals("ipv4") ? 4 : 16];
      random.nextBytes(bytes);
      if (bytes.length == 4) {
        bytes[0] = (byte) (1 + random.nextInt(223)); // unicast, not 0.x or multicast
      } else {
        bytes[0] = 0x20; // 2000::/3, global unicast
        bytes[1] = (byte) random.nextInt(256);
      }
      addresses[i] = InetAddress.getByAddress(bytes);
    }
  }

  @Benchmark
  public String lookup() {
    next = (next + 1) & (addresses.length - 1);
    return locator.countryOf(addresses[next]);
  }
}
