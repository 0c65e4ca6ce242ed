package dev.footfall.spring;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@code footfall.admin.api-key} is set and not blank. */
final class AdminApiKeyCondition extends SpringBootCondition {
  @Override
  public ConditionOutcome getMatchOutcome(ConditionContext context,
      AnnotatedTypeMetadata metadata) {
    String key = context.getEnvironment().getProperty("footfall.admin.api-key");
    return key != null && !key.isBlank()
        ? ConditionOutcome.match("footfall.admin.api-key is set")
        : ConditionOutcome.noMatch("footfall.admin.api-key is not set");
  }
}
