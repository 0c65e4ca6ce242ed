package dev.footfall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Filters with several values, every operator, case, wildcards, and their and/or/not. */
final class FilterTest {

  @Test
  void severalValues_matchAny_andTheNotOperatorsMatchNone() {
    Filter countries = Filter.is(Dimension.COUNTRY, "DE", "FR");
    assertThat(countries.test("FR")).isTrue();
    assertThat(countries.test("US")).isFalse();
    assertThat(countries.negate().test("FR")).isFalse();
    assertThat(countries.negate().test("US")).isTrue();
    Filter notContaining = new Filter(Dimension.PAGE, Filter.Operator.CONTAINS_NOT,
        List.of("blog", "docs"), true);
    assertThat(notContaining.test("/pricing")).isTrue();
    assertThat(notContaining.test("/docs/api")).isFalse();
  }

  @Test
  void matches_findsTheRegularExpression_ignoringCaseWhenAsked() {
    Filter user = Filter.matches(Dimension.PAGE, "^/user/\\d+$");
    assertThat(user.test("/user/42")).isTrue();
    assertThat(user.test("/user/42/edit")).isFalse();
    assertThat(Filter.matches(Dimension.PAGE, "Blog").test("/my-blog")).isFalse();
    assertThat(Filter.matches(Dimension.PAGE, "Blog").ignoringCase().test("/my-blog")).isTrue();
    assertThat(Filter.contains(Dimension.BROWSER, "CHROME").ignoringCase().test("Chrome"))
        .isTrue();
    assertThat(Filter.is(Dimension.BROWSER, "chrome").test("Chrome")).isFalse();
  }

  @Test
  void wildcards_starStopsAtSlashes_doubleStarDoesNot_restIsLiteral() {
    assertThat(Filter.wildcardRegex("/blog/*")).isEqualTo("^\\/blog\\/[^/]*$");
    Filter blog = Filter.wildcard(Dimension.PAGE, "/blog/*");
    assertThat(blog.test("/blog/post")).isTrue();
    assertThat(blog.test("/blog/post/comments")).isFalse();
    Filter docs = Filter.wildcard(Dimension.PAGE, "/docs/**");
    assertThat(docs.test("/docs/a/b")).isTrue();
    assertThat(docs.test("/docsx")).isFalse();
    Filter literal = Filter.wildcard(Dimension.PAGE, "/a.b?(c)+[d]");
    assertThat(literal.test("/a.b?(c)+[d]")).isTrue();
    assertThat(literal.test("/aXb(c)[d]")).isFalse();
  }

  @Test
  void conditions_combineAndNegateByDeMorgan() {
    Map<Dimension, String> event = Map.of(Dimension.PAGE, "/pricing", Dimension.COUNTRY, "DE");
    Condition pricingOrUs = Condition.anyOf(List.of(Filter.is(Dimension.PAGE, "/pricing"),
        Filter.is(Dimension.COUNTRY, "US")));
    assertThat(pricingOrUs.test(event::get)).isTrue();
    assertThat(pricingOrUs.negate()).isEqualTo(Condition.allOf(List.of(
        Filter.isNot(Dimension.PAGE, "/pricing"), Filter.isNot(Dimension.COUNTRY, "US"))));
    assertThat(pricingOrUs.negate().test(event::get)).isFalse();
    assertThat(pricingOrUs.ofVisit()).isFalse();
    assertThat(Condition.anyOf(List.of(Filter.is(Dimension.SOURCE, "Google"),
        Filter.is(Dimension.ENTRY_PAGE, "/"))).ofVisit()).isTrue();
  }

  @Test
  void anUnknownValue_satisfiesNoFilter_negatedOrNot() {
    Filter source = Filter.is(Dimension.SOURCE, "Google");
    assertThat(source.test(dimension -> null)).isFalse();
    assertThat(source.negate().test(dimension -> null)).isFalse();
  }

  @Test
  void badFilters_areRefusedWithTheReason() {
    assertThatThrownBy(() -> Filter.matches(Dimension.PAGE, "(unclosed"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("'(unclosed' on page is not a regular expression: ");
    assertThatThrownBy(() -> Filter.is(Dimension.PAGE))
        .hasMessage("a filter on page needs 1 to 100 values but had 0");
    assertThatThrownBy(() -> Condition.anyOf(List.of()))
        .hasMessage("'or' needs at least two conditions but had 0");
    assertThatThrownBy(() -> Filter.contains(Dimension.PAGE, "a", ""))
        .hasMessage("a 'contains' filter on page needs a non-empty value");
  }
}
