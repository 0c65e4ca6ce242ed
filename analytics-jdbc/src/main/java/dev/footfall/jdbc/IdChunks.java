package dev.footfall.jdbc;

import java.util.List;
import java.util.function.Consumer;

/**
 * Splits ids for {@code IN (<ids>)} lists of at most {@value #SIZE}: looked up a chunk at a time by
 * an index, where H2 would scan a whole table for an {@code IN (SELECT …)}, and within the bound
 * parameters a statement may have.
 */
final class IdChunks {
  static final int SIZE = 1_000;

  private IdChunks() {}

  /** Passes the ids to {@code action} in consecutive chunks of at most {@value #SIZE}. */
  static void forEach(List<Long> ids, Consumer<List<Long>> action) {
    for (int i = 0; i < ids.size(); i += SIZE) {
      action.accept(ids.subList(i, Math.min(ids.size(), i + SIZE)));
    }
  }
}
