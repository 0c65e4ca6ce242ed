package dev.footfall.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asserts that text read back from somewhere Footfall writes (a table, a database file, a log)
 * holds none of the IP addresses or User-Agents a test sent. IPv6 addresses are looked for in both
 * the form sent and the JDK's canonical form.
 *
 * @since 0.1
 */
public final class PersonalData {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F]{1,4}(:[0-9a-fA-F]{0,4}){3,7}");

  private final Set<String> ips = new HashSet<>();
  private final Set<String> userAgents;

  private PersonalData(Collection<String> ips, Collection<String> userAgents) {
    for (String ip : ips) {
      this.ips.add(ip);
      try {
        this.ips.add(InetAddress.getByName(ip).getHostAddress());
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("not an IP address: " + ip, e);
      }
    }
    this.userAgents = Set.copyOf(userAgents);
  }

  /** Returns a checker for the IP address literals and User-Agents a test sent. */
  public static PersonalData of(Collection<String> ips, Collection<String> userAgents) {
    return new PersonalData(ips, userAgents);
  }

  /**
   * Reads every column of every row of Footfall's tables ({@code site}, {@code event}, {@code
   * session}, {@code salt}) as text and asserts that none holds the IP addresses or User-Agents;
   * also that each table has rows, so the check cannot pass by reading nothing.
   *
   * @throws SQLException if a table cannot be read
   */
  public void assertAbsentFromTables(Connection connection) throws SQLException {
    for (String table : List.of("site", "event", "session", "salt")) {
      StringBuilder text = new StringBuilder();
      int rows = 0;
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("SELECT * FROM " + table)) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          rows++;
          for (int i = 1; i <= columns; i++) {
            text.append(rs.getString(i)).append('\t');
          }
          text.append('\n');
        }
      }
      assertThat(rows).as("rows of %s", table).isPositive();
      assertAbsentFrom("table " + table, text.toString());
    }
  }

  /**
   * Asserts that {@code text} contains none of the IP addresses or User-Agents.
   *
   * @param where what the text is, for the failure message
   */
  public void assertAbsentFrom(String where, String text) {
    for (Pattern pattern : new Pattern[] {IPV4, IPV6}) {
      Matcher matcher = pattern.matcher(text);
      while (matcher.find()) {
        assertThat(ips).as("an IP address in %s", where).doesNotContain(matcher.group());
      }
    }
    assertThat(text).as("a User-Agent in %s", where).doesNotContain("Mozilla/5.0");
    for (String userAgent : userAgents) {
      // One with "Mozilla/5.0" in it cannot be in the text, which has none (just asserted):
      // searching the text for each of hundreds of them took a minute on a large table.
      if (!userAgent.contains("Mozilla/5.0")) {
        assertThat(text).as("a User-Agent in %s", where).doesNotContain(userAgent);
      }
    }
  }
}
