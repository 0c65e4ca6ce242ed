package dev.footfall.internal.imports;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV records as RFC 4180 and ClickHouse's {@code CSVWithNames} write them: fields separated
 * by commas, records by {@code \n} or {@code \r\n}, a field in double quotes may hold commas, line
 * breaks and doubled quotes. Counts lines, so that an error can name the line a record starts on.
 * Not thread-safe.
 */
final class CsvReader {
  /** The most fields a record may have. */
  static final int MAX_FIELDS = 64;

  private final Reader in;
  private final int maxFieldLength;
  private int line = 1;
  private int recordLine;
  /** A character read ahead and given back, or -2 for none (-1 is the end of the input). */
  private int pending = -2;

  /**
   * @param maxFieldLength the most characters a field may have, so that one endless line cannot
   *     fill the memory
   */
  CsvReader(Reader in, int maxFieldLength) {
    this.in = in;
    this.maxFieldLength = maxFieldLength;
  }

  /** Returns the line being read, counting from 1. */
  int line() {
    return line;
  }

  /** Returns the line the last record read starts on, counting from 1. */
  int recordLine() {
    return recordLine;
  }

  /**
   * Returns the next record's fields, or null at the end of the input. A blank last line is not
   * a record.
   *
   * @throws MalformedCsvException if a quoted field is not closed, a quote stands inside an
   *     unquoted field, or a field or record is longer than allowed
   */
  List<String> next() throws IOException {
    int c = read();
    if (c == -1) {
      return null;
    }
    recordLine = line;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean afterQuote = false;
    boolean fieldStart = true;
    while (true) {
      if (quoted) {
        if (c == -1) {
          throw new MalformedCsvException(recordLine, "a quoted field is not closed");
        }
        if (c == '"') {
          int following = read();
          if (following == '"') {
            append(field, '"');
          } else {
            quoted = false;
            afterQuote = true;
            c = following;
            continue;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          append(field, c);
        }
      } else if (c == ',' || c == '\n' || c == '\r' || c == -1) {
        if (fields.size() == MAX_FIELDS) {
          throw new MalformedCsvException(recordLine, "has more than " + MAX_FIELDS + " fields");
        }
        fields.add(field.toString());
        field.setLength(0);
        fieldStart = true;
        afterQuote = false;
        if (c == '\r') {
          int following = read();
          if (following != '\n') {
            unread(following);
          }
          c = '\n';
        }
        if (c == '\n') {
          line++;
        }
        if (c != ',') {
          return fields;
        }
      } else if (afterQuote) {
        throw new MalformedCsvException(line, "a character follows a quoted field's closing quote");
      } else if (c == '"') {
        if (!fieldStart) {
          throw new MalformedCsvException(line, "a quote stands inside an unquoted field");
        }
        quoted = true;
        fieldStart = false;
      } else {
        append(field, c);
        fieldStart = false;
      }
      c = read();
    }
  }

  private void append(StringBuilder field, int c) throws MalformedCsvException {
    if (field.length() == maxFieldLength) {
      throw new MalformedCsvException(recordLine, "a field is longer than " + maxFieldLength
          + " characters");
    }
    field.append((char) c);
  }

  private int read() throws IOException {
    if (pending != -2) {
      int c = pending;
      pending = -2;
      return c;
    }
    return in.read();
  }

  private void unread(int c) {
    pending = c;
  }

  /** A record that is not CSV. */
  static final class MalformedCsvException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int line;

    MalformedCsvException(int line, String message) {
      super(message);
      this.line = line;
    }

    int line() {
      return line;
    }
  }
}
