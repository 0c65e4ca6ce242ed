package dev.footfall;

import java.util.Optional;

/**
 * An import file that cannot be read: its message names the file, and where it can, the line and
 * the column, such as {@code imported_pages_20260101_20260131.csv line 7, column visitors: "12a"
 * is not a whole number}. Nothing of an import that throws it is stored.
 *
 * @since 0.4
 */
public final class InvalidImportException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String file;
  private final int line;
  private final String column;

  /**
   * @param file the file of the archive, or null for the archive itself
   * @param line the line, counting from 1, or 0 for the whole file
   * @param column the column's name, or null for the whole line
   * @param problem what is wrong
   */
  InvalidImportException(String file, int line, String column, String problem) {
    super(message(file, line, column, problem));
    this.file = file;
    this.line = line;
    this.column = column;
  }

  private static String message(String file, int line, String column, String problem) {
    StringBuilder where = new StringBuilder(file == null ? "the archive" : file);
    if (line > 0) {
      where.append(" line ").append(line);
    }
    if (column != null) {
      where.append(line > 0 ? ", column " : " column ").append(column);
    }
    return where + ": " + problem;
  }

  /** Returns the file of the archive that is wrong, or empty if the archive itself is. */
  public Optional<String> file() {
    return Optional.ofNullable(file);
  }

  /** Returns the line that is wrong, counting from 1 (the header row), or 0 for a whole file. */
  public int line() {
    return line;
  }

  /** Returns the name of the column that is wrong, or empty for a whole line or file. */
  public Optional<String> column() {
    return Optional.ofNullable(column);
  }
}
