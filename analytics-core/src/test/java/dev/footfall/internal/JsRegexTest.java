package dev.footfall.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * JavaScript-to-Java pattern translation. The expected answers are JavaScript's ({@code new
 * RegExp(pattern, "i").test(input)}); where Java, given the pattern untranslated, would answer
 * differently, the row says so. In the inputs, {@code <NBSP>}, {@code <NL>}, {@code <NEL>}, {@code
 * <VT>} and {@code <BS>} stand for U+00A0, U+000A, U+0085, U+000B and U+0008.
 */
final class JsRegexTest {

  @ParameterizedTest(name = "/{0}/i on \"{1}\" is {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      \\bbot\\b             | ébot                | true | Java's own \\b counts é as a letter
      \\bbot                | robot               | false |
      agent\\b              | useragenté          | true | Java's own: false
      a\\Bb                 | ab                  | true |
      a\\sb                 | a<NBSP>b            | true | Java's own \\s: false
      a[\\s]b               | a<NBSP>b            | true |
      a\\Sb                 | a<NBSP>b            | false |
      a[^\\S]b              | a<NBSP>b            | true |
      bot$                  | bot<NL>             | false | Java's own $: true
      a.b                   | a<NEL>b             | true | Java's own .: false
      a.b                   | a<NL>b              | false |
      ^[\\w\\d-.]+$         | a-b.c               | true | '-' after a class escape is a literal
      ^[\\w\\d-.]+$         | a,b                 | false |
      ^[a-c]+$              | abc                 | true |
      ^[a-c]+$              | a-c                 | false |
      [^]                   | <NL>                | true | any character
      a[]                   | a                   | false | nothing
      a{                    | a{                  | true | a '{' that starts no quantifier
      x{,5}                 | x{,5}               | true |
      a{2}                  | aa                  | true |
      a{2}                  | a                   | false |
      a]                    | a]                  | true |
      a}                    | a}                  | true |
      ^(ab)+c$              | ababc               | true |
      a*?b                  | aab                 | true |
      a??b                  | b                   | true |
      ^\\???$               | ?                   | true |
      [[]                   | [                   | true | Java would read a nested class
      ^[a&&b]$              | &                   | true | Java would read an intersection
      [\\b]                 | <BS>                | true |
      \\v                   | <VT>                | true |
      \\v                   | <NL>                | false | Java's own \\v: true
      \\/x                  | a/x                 | true |
      \\x41\\u0042          | ab                  | true |
      \\cJ                  | <NL>                | true |
      "(?<! cu)bots?(?:\\b|_)" | a cubot            | false |
      "(?<! cu)bots?(?:\\b|_)" | a robot_           | true |
      GOOGLE                | google              | true |
      """)
  void translatesToTheSameMeaning(String pattern, String input, boolean expected, String note) {
    Pattern java = Pattern.compile(JsRegex.toJava(pattern), Pattern.CASE_INSENSITIVE);
    assertThat(java.matcher(decode(input)).find()).as(note == null ? "" : note)
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "/{0}/ is refused")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      (a)\\1          | back-references
      (?<n>a)\\k<n>   | named groups
      \\k<n>          | back-references
      (?i)a           | '(?' forms
      \\e             | means 'e' in JavaScript
      a*+             | a quantifier on a quantifier
      a**             | a quantifier on a quantifier
      a???            | a quantifier on a quantifier
      *a              | nothing to repeat
      ^*              | nothing to repeat
      \\b+            | nothing to repeat
      (a              | unbalanced '('
      a)              | unbalanced ')'
      [a              | an unclosed '['
      [z-a]           | a range out of order
      \\u{41}         | a malformed '\\u' escape
      \\01            | octal escapes
      """)
  void refusesWhatItCannotTranslateFaithfully(String pattern, String reason) {
    assertThatThrownBy(() -> JsRegex.toJava(pattern))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason);
  }

  @ParameterizedTest(name = "/{0}/ requires \"{1}\"")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      "(?<! channel/|google/)google(?!(?:wv|app|/google| pixel))" | google
      ^Mozilla/\\d\\.\\d\\s[\\w\\.-]+$                          | mozilla/
      chrome-lighthouse                                         | chrome-lighthouse
      ab+cd                                                     | bcd
      abc?de                                                    | ab
      abc*de                                                    | ab
      abc{0,2}de                                                | ab
      ab{2}cd                                                   | bcd
      a\\x41bc                                                  | bc
      ptst[ /]\\d                                               | ptst
      mail\\.ru/                                                | mail.ru/
      "a(?:b|c)de"                                              | de
      java(?!;)                                                 | java
      "foo|barbaz"                                              | ""
      ^[^ ]{50,}$                                               | ""
      """)
  void findsTheLiteralEveryMatchContains(String pattern, String literal) {
    assertThat(JsRegex.requiredLiteral(pattern)).isEqualTo(literal);
  }

  private static String decode(String input) {
    return input.replace("<NBSP>", "\u00A0").replace("<NL>", "\n").replace("<NEL>", "\u0085")
        .replace("<VT>", "\u000B").replace("<BS>", "\b");
  }
}
