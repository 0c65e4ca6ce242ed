package dev.footfall.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.EmailRecipient;
import dev.footfall.EmailReports;
import dev.footfall.ReportCadence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code /admin/websites/{id}/email-reports}: list ({@code GET}) and add ({@code POST
 * {"address", "cadence"}}, cadence {@code weekly} or {@code monthly}) a site's email report
 * recipients; {@code .../email-reports/{recipientId}}: remove ({@code DELETE}). A thin adapter
 * over {@link EmailReports}, which owns every rule; adding an address already subscribed at that
 * cadence answers the existing recipient. Unsubscribe tokens are never in these answers: only the
 * recipient's own reports carry theirs. A storage that keeps no recipients is {@code 409}.
 */
final class EmailReportsEndpoint {
  private static final Set<String> FIELDS = Set.of("address", "cadence");

  private final EmailReports reports;

  EmailReportsEndpoint(EmailReports reports) {
    this.reports = reports;
  }

  Map<String, Object> list(String siteId) {
    List<Map<String, Object>> results = new ArrayList<>();
    stored(() -> reports.list(siteId)).forEach(recipient -> results.add(json(recipient)));
    return Map.of("results", results);
  }

  Map<String, Object> add(String siteId, JsonNode body) {
    body.fieldNames().forEachRemaining(name -> {
      if (!FIELDS.contains(name)) {
        throw new IllegalArgumentException("unknown field '" + name
            + "'; a recipient has address and cadence");
      }
    });
    String address = text(body, "address");
    ReportCadence cadence = ReportCadence.fromKey(text(body, "cadence"));
    return json(stored(() -> reports.subscribe(siteId, address, cadence)));
  }

  void remove(String siteId, String id) {
    if (!stored(() -> reports.remove(siteId, id))) {
      throw new AdminApi.NotFoundException("site '" + siteId + "' has no email report recipient '"
          + id + "'");
    }
  }

  private static Map<String, Object> json(EmailRecipient recipient) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", recipient.id());
    json.put("address", recipient.address());
    json.put("cadence", recipient.cadence().key());
    json.put("created_at", recipient.createdAt().toString());
    return json;
  }

  private static String text(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      throw new IllegalArgumentException(field + " is required");
    }
    if (!node.isTextual()) {
      throw new IllegalArgumentException(field + " must be a string");
    }
    return node.asText();
  }

  /** Calls {@link EmailReports}, answering a storage without recipients as a conflict. */
  private static <T> T stored(Supplier<T> call) {
    try {
      return call.get();
    } catch (UnsupportedOperationException e) {
      throw new ConflictException(e.getMessage());
    }
  }
}
