package dev.footfall.internal.imports;

/**
 * What is wrong with an import file, and where: {@link dev.footfall.Imports} turns it into the
 * public {@link dev.footfall.InvalidImportException}.
 */
public final class ImportProblem extends RuntimeException {
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
  public ImportProblem(String file, int line, String column, String problem) {
    super(problem, null, false, false);
    this.file = file;
    this.line = line;
    this.column = column;
  }

  /** Returns the file of the archive, or null for the archive itself. */
  public String file() {
    return file;
  }

  /** Returns the line, counting from 1, or 0 for the whole file. */
  public int line() {
    return line;
  }

  /** Returns the column's name, or null for the whole line. */
  public String column() {
    return column;
  }
}
