package dev.footfall.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.Revenue;
import java.util.function.Consumer;

/**
 * Reads a revenue object, {@code {"amount": 15.99, "currency": "USD"}}, as Plausible's events API
 * sends it: the amount a number or a numeric string, kept exactly (a number's text is its shortest
 * form, so 15.99 stays 15.99).
 */
final class RevenueJson {
  private RevenueJson() {}

  /**
   * Returns the revenue, or {@code null} when there is none or it is invalid; then {@code error}
   * is given the reason.
   */
  static Revenue read(JsonNode node, Consumer<String> error) {
    if (node == null || node.isNull()) {
      return null;
    }
    JsonNode amount = node.get("amount");
    JsonNode currency = node.get("currency");
    if (!node.isObject() || amount == null || currency == null
        || !(amount.isNumber() || amount.isTextual()) || !currency.isTextual()) {
      error.accept("revenue must be an object with an amount (a number or a numeric string)"
          + " and a currency (an ISO 4217 code)");
      return null;
    }
    try {
      return Revenue.of(amount.asText(), currency.asText());
    } catch (IllegalArgumentException e) {
      error.accept(e.getMessage());
      return null;
    }
  }
}
