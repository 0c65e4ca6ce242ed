package dev.footfall.internal;

/**
 * Translates a JavaScript regular expression (the syntax of {@code new RegExp(source, "i")}, without
 * the {@code u} flag) into a {@code java.util.regex} pattern that matches the same strings, for
 * pattern lists written for JavaScript. Constructs whose meaning differs are rewritten, and JS-only
 * or ambiguous ones are refused, so that a pattern is never silently read differently:
 *
 * <ul>
 *   <li>{@code \b} and {@code \B} become ASCII word-boundary look-arounds (JavaScript's boundary is
 *       ASCII-only; Java's, before JDK 19, also counts non-ASCII letters);
 *   <li>{@code \s} and {@code \S} become JavaScript's whitespace set (it includes no-break and other
 *       Unicode spaces, Java's only ASCII ones);
 *   <li>{@code $} becomes {@code \z} (JavaScript's end of input; Java's {@code $} also matches
 *       before a final line break) and {@code .} excludes just JavaScript's four line terminators;
 *   <li>capturing groups become non-capturing, so that patterns can be joined with {@code |};
 *   <li>Annex B literals are escaped: an opening brace that starts no quantifier, a lone closing
 *       bracket or brace, and a {@code -} next to a class escape inside {@code [...]}; {@code [} and
 *       {@code &} inside a class are escaped (Java reads them as union and intersection);
 *   <li>{@code [^]} (any character) and {@code []} (nothing) are rewritten;
 *   <li>{@code \v}, {@code \0} and {@code \b} inside a class become the characters they stand for.
 * </ul>
 *
 * <p>Refused, with {@link IllegalArgumentException}: back-references ({@code \1}, {@code \k<..>}),
 * named groups, inline flags and other {@code (?} forms, an escaped letter that JavaScript reads as
 * itself (such as {@code \e}, which Java reads as the escape character), and a quantifier on a
 * quantifier (Java's possessive {@code *+} is a syntax error in JavaScript). Look-behind is passed
 * through; Java refuses an unbounded one when the result is compiled.
 *
 * <p>Case-insensitivity: compile the result with {@link java.util.regex.Pattern#CASE_INSENSITIVE},
 * which folds ASCII letters only; JavaScript's {@code i} without {@code u} folds no non-ASCII
 * character to an ASCII one, so the two agree for ASCII patterns (bot lists are ASCII).
 */
public final class JsRegex {
  /** JavaScript's {@code \s}: WhiteSpace and LineTerminator code points, as class contents. */
  private static final String JS_SPACE =
      "\\t\\n\\x0B\\f\\r \\xA0\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}"
          + "\\x{3000}\\x{FEFF}";
  private static final String WORD = "[A-Za-z0-9_]";
  private static final String BOUNDARY =
      "(?:(?<=" + WORD + ")(?!" + WORD + ")|(?<!" + WORD + ")(?=" + WORD + "))";
  private static final String NOT_BOUNDARY =
      "(?:(?<=" + WORD + ")(?=" + WORD + ")|(?<!" + WORD + ")(?!" + WORD + "))";
  private static final String DOT = "[^\\n\\r\\x{2028}\\x{2029}]";

  private final String source;
  private int pos;
  private final StringBuilder out = new StringBuilder();

  private JsRegex(String source) {
    this.source = source;
  }

  /**
   * Returns the Java form of a JavaScript pattern.
   *
   * @throws IllegalArgumentException if the pattern uses a construct this translator refuses, or
   *     is malformed
   */
  public static String toJava(String javaScript) {
    JsRegex translator = new JsRegex(javaScript);
    translator.translate();
    return translator.out.toString();
  }

  /**
   * Returns the longest run of literal characters that every match of a JavaScript pattern
   * contains, in ASCII lower case (the pattern is taken as case-insensitive), or {@code ""} when
   * none is found: a pattern with a top-level {@code |}, say. A cheap {@code contains} test on it
   * then rules the pattern out for most inputs. Conservative: anything but a plain character or an
   * escaped punctuation mark (groups, classes, class escapes, anchors) ends a run, and a character
   * that a quantifier may repeat or leave out ends one too.
   */
  public static String requiredLiteral(String javaScript) {
    String s = javaScript;
    String best = "";
    StringBuilder run = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      int atomStart = run.length();
      boolean literal = false;
      switch (c) {
        case '|' -> {
          return ""; // a top-level alternative: nothing is required
        }
        case '(' -> i = skipGroup(s, i);
        case '[' -> i = skipClass(s, i);
        case '\\' -> {
          char e = i + 1 < s.length() ? s.charAt(i + 1) : 'x';
          if (e < 128 && !Character.isLetterOrDigit(e)) {
            run.append(e);
            literal = true;
          }
          i += switch (e) {
            case 'x' -> 4; // backslash, x, two hex digits
            case 'u' -> 6; // backslash, u, four hex digits
            case 'c' -> 3; // backslash, c, a letter
            default -> 2;
          };
        }
        case '.', '^', '$', '*', '+', '?', ')', ']', '}' -> i++;
        case '{' -> {
          if (quantifierEnd(s, i) > 0) {
            i++;
          } else {
            run.append('{');
            literal = true;
            i++;
          }
        }
        default -> {
          if (c < 128 && c >= 32) {
            run.append(Character.toLowerCase(c));
            literal = true;
          }
          i++;
        }
      }
      // A quantifier after this atom: the atom may repeat (min 1) or be absent (min 0).
      int end = i < s.length() ? quantifierEnd(s, i) : -1;
      boolean optional = false;
      boolean repeated = false;
      if (i < s.length() && (s.charAt(i) == '*' || s.charAt(i) == '?')) {
        optional = true;
        end = i + 1;
      } else if (i < s.length() && s.charAt(i) == '+') {
        repeated = true;
        end = i + 1;
      } else if (end > 0) {
        optional = s.charAt(i + 1) == '0';
        repeated = !optional;
      }
      if (end > 0) {
        i = end < s.length() && s.charAt(end) == '?' ? end + 1 : end; // a lazy mark
      }
      if (!literal || optional || repeated) {
        String kept = run.substring(0, literal && !optional ? run.length() : atomStart);
        if (kept.length() > best.length()) {
          best = kept;
        }
        String next = literal && repeated ? run.substring(atomStart) : "";
        run.setLength(0);
        run.append(next);
      }
    }
    return run.length() > best.length() ? run.toString() : best;
  }

  /** The index just past the group opening at i (or the end); unbalanced input is left to {@link
   * #toJava}. */
  private static int skipGroup(String s, int i) {
    int depth = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '[') {
        i = skipClass(s, i);
        continue;
      }
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i + 1;
      }
      i++;
    }
    return i;
  }

  /** The index just past the class opening at i (or the end). */
  private static int skipClass(String s, int i) {
    i++;
    if (i < s.length() && s.charAt(i) == '^') {
      i++;
    }
    if (i < s.length() && s.charAt(i) == ']') {
      return i + 1; // [] or [^]
    }
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == ']') {
        return i + 1;
      } else {
        i++;
      }
    }
    return i;
  }

  /** The end of a {@code {n}}, {@code {n,}} or {@code {n,m}} quantifier at i, or -1. */
  private static int quantifierEnd(String s, int i) {
    if (i >= s.length() || s.charAt(i) != '{') {
      return -1;
    }
    int j = i + 1;
    int digits = j;
    while (j < s.length() && isDigit(s.charAt(j))) {
      j++;
    }
    if (j == digits) {
      return -1;
    }
    if (j < s.length() && s.charAt(j) == ',') {
      j++;
      while (j < s.length() && isDigit(s.charAt(j))) {
        j++;
      }
    }
    return j < s.length() && s.charAt(j) == '}' ? j + 1 : -1;
  }

  private void translate() {
    // Whether the last thing written can take a quantifier, whether it was one, and whether that
    // quantifier was already made lazy.
    boolean quantifiable = false;
    boolean afterQuantifier = false;
    boolean lazy = false;
    int depth = 0;
    while (pos < source.length()) {
      char c = source.charAt(pos);
      boolean quantifier = false;
      boolean atom = true;
      switch (c) {
        case '\\' -> atom = escape();
        case '[' -> characterClass();
        case '(' -> {
          group();
          depth++;
          atom = false;
        }
        case ')' -> {
          if (depth == 0) {
            throw refuse("unbalanced ')'");
          }
          depth--;
          out.append(')');
          pos++;
        }
        case '|' -> {
          out.append('|');
          pos++;
          atom = false;
        }
        case '^' -> {
          out.append('^');
          pos++;
          atom = false;
        }
        case '$' -> {
          out.append("\\z");
          pos++;
          atom = false;
        }
        case '.' -> {
          out.append(DOT);
          pos++;
        }
        case '*', '+', '?' -> {
          if (c == '?' && afterQuantifier && !lazy) {
            out.append('?');
            pos++;
            lazy = true;
            continue;
          }
          quantifier = true;
          out.append(c);
          pos++;
        }
        case '{' -> {
          int end = boundedQuantifierEnd();
          if (end < 0) {
            out.append("\\{");
            pos++;
          } else {
            quantifier = true;
            out.append(source, pos, end);
            pos = end;
          }
        }
        case '}', ']' -> {
          out.append('\\').append(c);
          pos++;
        }
        default -> {
          literal(c);
          pos++;
        }
      }
      if (quantifier) {
        if (afterQuantifier) {
          throw refuse("a quantifier on a quantifier");
        }
        if (!quantifiable) {
          throw refuse("nothing to repeat");
        }
        afterQuantifier = true;
        lazy = false;
        quantifiable = false;
      } else {
        afterQuantifier = false;
        quantifiable = atom;
      }
    }
    if (depth != 0) {
      throw refuse("unbalanced '('");
    }
  }

  /** The end of a {@code {n}}, {@code {n,}} or {@code {n,m}} quantifier at pos, or -1. */
  private int boundedQuantifierEnd() {
    int i = pos + 1;
    int digits = i;
    while (i < source.length() && isDigit(source.charAt(i))) {
      i++;
    }
    if (i == digits) {
      return -1;
    }
    if (i < source.length() && source.charAt(i) == ',') {
      i++;
      while (i < source.length() && isDigit(source.charAt(i))) {
        i++;
      }
    }
    return i < source.length() && source.charAt(i) == '}' ? i + 1 : -1;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private void group() {
    if (source.startsWith("(?:", pos) || source.startsWith("(?=", pos)
        || source.startsWith("(?!", pos)) {
      out.append(source, pos, pos + 3);
      pos += 3;
    } else if (source.startsWith("(?<=", pos) || source.startsWith("(?<!", pos)) {
      out.append(source, pos, pos + 4);
      pos += 4;
    } else if (source.startsWith("(?", pos)) {
      throw refuse("named groups, inline flags and other '(?' forms are not supported");
    } else {
      out.append("(?:");
      pos++;
    }
  }

  /** Translates the escape at pos outside a class; returns whether it can take a quantifier. */
  private boolean escape() {
    if (pos + 1 >= source.length()) {
      throw refuse("'\\' at the end");
    }
    char c = source.charAt(pos + 1);
    pos += 2;
    switch (c) {
      case 'b' -> {
        out.append(BOUNDARY);
        return false;
      }
      case 'B' -> {
        out.append(NOT_BOUNDARY);
        return false;
      }
      case 's' -> out.append('[').append(JS_SPACE).append(']');
      case 'S' -> out.append("[^").append(JS_SPACE).append(']');
      default -> out.append(simpleEscape(c));
    }
    return true;
  }

  /**
   * The Java form of an escape that means the same inside and outside a class ({@code \d}, {@code
   * \x41}, {@code \/}, …); pos is past the escaped character, and moves past any hex digits.
   */
  private String simpleEscape(char c) {
    switch (c) {
      case 'd', 'D', 'w', 'W', 't', 'n', 'r', 'f' -> {
        return "\\" + c;
      }
      case 'v' -> {
        return "\\x0B";
      }
      case '0' -> {
        if (pos < source.length() && isDigit(source.charAt(pos))) {
          throw refuse("octal escapes are not supported");
        }
        return "\\x00";
      }
      case 'x' -> {
        return "\\x" + hex(2, c);
      }
      case 'u' -> {
        return "\\u" + hex(4, c);
      }
      case 'c' -> {
        if (pos < source.length() && Character.isLetter(source.charAt(pos))
            && source.charAt(pos) < 128) {
          return "\\c" + Character.toUpperCase(source.charAt(pos++));
        }
        throw refuse("'\\c' without a control letter");
      }
      case 'k' -> throw refuse("back-references are not supported");
      default -> {
        if (c >= '1' && c <= '9') {
          throw refuse("back-references are not supported");
        }
        if (Character.isLetterOrDigit(c)) {
          throw refuse("'\\" + c + "' means '" + c + "' in JavaScript but not in Java");
        }
        return quote(c);
      }
    }
  }

  private String hex(int length, char kind) {
    if (pos + length > source.length()) {
      throw refuse("a short '\\" + kind + "' escape");
    }
    String digits = source.substring(pos, pos + length);
    for (char d : digits.toCharArray()) {
      if (Character.digit(d, 16) < 0) {
        throw refuse("a malformed '\\" + kind + "' escape");
      }
    }
    pos += length;
    return digits;
  }

  /** Translates the class at pos: {@code [...]} or {@code [^...]}. */
  private void characterClass() {
    pos++;
    boolean negated = pos < source.length() && source.charAt(pos) == '^';
    if (negated) {
      pos++;
    }
    if (pos < source.length() && source.charAt(pos) == ']') {
      pos++;
      out.append(negated ? "[\\x{0}-\\x{10FFFF}]" : "(?!)");
      return;
    }
    StringBuilder items = new StringBuilder();
    boolean closed = false;
    while (pos < source.length()) {
      char c = source.charAt(pos);
      if (c == ']') {
        pos++;
        closed = true;
        break;
      }
      String first = classAtom();
      boolean firstIsChar = !isClassEscape(first);
      if (pos + 1 < source.length() && source.charAt(pos) == '-' && source.charAt(pos + 1) != ']') {
        int save = pos;
        pos++;
        String second = classAtom();
        if (firstIsChar && !isClassEscape(second)) {
          if (codePointOf(first) > codePointOf(second)) {
            throw refuse("a range out of order in a class");
          }
          items.append(first).append('-').append(second);
          continue;
        }
        // Annex B: a '-' next to a class escape is a literal.
        pos = save + 1;
        items.append(first).append("\\-");
        continue;
      }
      items.append(first);
    }
    if (!closed) {
      throw refuse("an unclosed '['");
    }
    out.append('[').append(negated ? "^" : "").append(items).append(']');
  }

  /** Reads one class member at pos, in Java form: a single character, or a class escape. */
  private String classAtom() {
    char c = source.charAt(pos);
    if (c != '\\') {
      pos++;
      return quote(c);
    }
    if (pos + 1 >= source.length()) {
      throw refuse("'\\' at the end");
    }
    char e = source.charAt(pos + 1);
    pos += 2;
    return switch (e) {
      case 'b' -> "\\x08";
      case 'B' -> throw refuse("'\\B' in a class");
      case 's' -> JS_SPACE;
      case 'S' -> "[^" + JS_SPACE + "]";
      case '-' -> "\\-";
      default -> simpleEscape(e);
    };
  }

  private static boolean isClassEscape(String atom) {
    return atom.equals(JS_SPACE) || atom.startsWith("[") || atom.equals("\\d") || atom.equals("\\D")
        || atom.equals("\\w") || atom.equals("\\W");
  }

  /** The code point a single-character atom stands for. */
  private static int codePointOf(String atom) {
    if (!atom.startsWith("\\")) {
      return atom.codePointAt(0);
    }
    String rest = atom.substring(2);
    return switch (atom.charAt(1)) {
      case 'x' -> Integer.parseInt(rest.startsWith("{") ? rest.substring(1, rest.length() - 1)
          : rest, 16);
      case 'u' -> Integer.parseInt(rest, 16);
      case 't' -> '\t';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 'f' -> '\f';
      case 'c' -> rest.charAt(0) % 32;
      default -> atom.charAt(1);
    };
  }

  private void literal(char c) {
    out.append(quote(c));
  }

  /** A single character, escaped when Java might read it as syntax. */
  private static String quote(char c) {
    if (c < 32 || c == 127) {
      return String.format("\\x%02X", (int) c);
    }
    if (c < 128 && !Character.isLetterOrDigit(c) && c != ' ' && c != '_') {
      return "\\" + c;
    }
    return String.valueOf(c);
  }

  private IllegalArgumentException refuse(String why) {
    return new IllegalArgumentException(why + " in /" + source + "/");
  }
}
