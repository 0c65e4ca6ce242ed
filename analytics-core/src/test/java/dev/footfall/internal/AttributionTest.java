package dev.footfall.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.Utm;
import org.junit.jupiter.api.Test;

final class AttributionTest {
  private static final Attribution ATTRIBUTION = new Attribution(ReferrerSources.load());

  private static Attribution.Attributed attribute(String url, String referrer) {
    return ATTRIBUTION.attribute(url, referrer, "shop.example");
  }

  @Test
  void googleSearch() {
    Attribution.Attributed a = attribute("https://shop.example/pricing",
        "https://www.google.com/search?q=shoes");
    assertThat(a.referrerSource()).isEqualTo("Google");
    assertThat(a.referrer()).isEqualTo("google.com/search");
  }

  @Test
  void googleCountryDomain() {
    assertThat(attribute("https://shop.example/", "https://www.google.co.uk/").referrerSource())
        .isEqualTo("Google");
    assertThat(attribute("https://shop.example/", "https://www.google.co.uk/").referrer())
        .isEqualTo("google.co.uk");
  }

  @Test
  void facebookWithPathAndSubdomain() {
    Attribution.Attributed a = attribute("https://shop.example/",
        "https://l.facebook.com/l.php/?u=https%3A%2F%2Fshop.example");
    assertThat(a.referrerSource()).isEqualTo("Facebook");
    assertThat(a.referrer()).isEqualTo("l.facebook.com/l.php");
  }

  @Test
  void hackerNewsAndTwitterShortLinks() {
    assertThat(attribute("https://shop.example/", "https://news.ycombinator.com/item?id=1")
        .referrerSource()).isEqualTo("Hacker News");
    assertThat(attribute("https://shop.example/", "https://t.co/abc").referrerSource())
        .isEqualTo("Twitter");
  }

  @Test
  void unknownHostIsTheSource() {
    Attribution.Attributed a = attribute("https://shop.example/", "https://www.blog.example/post/");
    assertThat(a.referrerSource()).isEqualTo("blog.example");
    assertThat(a.referrer()).isEqualTo("blog.example/post");
  }

  @Test
  void selfReferralIsDirect() {
    Attribution.Attributed a = attribute("https://www.shop.example/b", "https://shop.example/a");
    assertThat(a.referrer()).isEmpty();
    assertThat(a.referrerSource()).isEmpty();
    assertThat(attribute("/b", "https://www.shop.example/a").referrerSource()).isEmpty();
  }

  @Test
  void localhostIsDirect() {
    assertThat(attribute("https://shop.example/", "http://localhost:3000/x").referrerSource())
        .isEmpty();
    assertThat(attribute("https://shop.example/", "http://127.0.0.1/").referrer()).isEmpty();
  }

  @Test
  void utmSourceOverridesReferrer() {
    Attribution.Attributed a = attribute(
        "https://shop.example/?utm_source=newsletter&utm_medium=email&utm_campaign=autumn+sale"
            + "&utm_content=header&utm_term=red%20shoes",
        "https://www.google.com/");
    assertThat(a.referrerSource()).isEqualTo("newsletter");
    assertThat(a.referrer()).isEqualTo("google.com");
    assertThat(a.utm()).isEqualTo(new Utm("newsletter", "email", "autumn sale", "header",
        "red shoes"));
  }

  @Test
  void refAndSourceParameters() {
    assertThat(attribute("https://shop.example/?ref=producthunt", "").referrerSource())
        .isEqualTo("producthunt");
    assertThat(attribute("https://shop.example/?source=podcast&ref=x", "").referrerSource())
        .isEqualTo("podcast");
  }

  @Test
  void androidAppReferrerIsKnownByPackage() {
    Attribution.Attributed a = attribute("https://shop.example/",
        "android-app://com.google.android.gm/");
    assertThat(a.referrerSource()).isEqualTo("Gmail");
    assertThat(a.referrer()).isEqualTo("com.google.android.gm");
  }

  @Test
  void nonWebSchemesAreIgnored() {
    assertThat(attribute("https://shop.example/", "ftp://files.example/x").referrerSource())
        .isEmpty();
    assertThat(attribute("https://shop.example/", "file:///home/me/page.html").referrer())
        .isEmpty();
    assertThat(attribute("https://shop.example/", "google.com").referrerSource()).isEmpty();
  }

  @Test
  void hostnameAndPathname() {
    Attribution.Attributed a = attribute(
        "https://WWW.Shop.Example:8443/caf%C3%A9/men%C3%BC?x=1#section", "");
    assertThat(a.hostname()).isEqualTo("shop.example");
    assertThat(a.pathname()).isEqualTo("/café/menü");
    assertThat(attribute("https://shop.example", "").pathname()).isEqualTo("/");
    assertThat(attribute("/docs/?q=1", "").hostname()).isEqualTo("shop.example");
    assertThat(attribute("/docs/?q=1", "").pathname()).isEqualTo("/docs/");
  }

  @Test
  void absurdHostCappedAndEncodedNulDropped() {
    Attribution.Attributed a = attribute("https://" + "a".repeat(300) + ".com/x%00y", "");
    assertThat(a.hostname()).hasSize(255);
    assertThat(a.pathname()).isEqualTo("/xy");
  }

  @Test
  void malformedEscapesAreKept() {
    assertThat(attribute("https://shop.example/100%/a b%zz", "").pathname())
        .isEqualTo("/100%/a b%zz");
  }

  @Test
  void directTraffic() {
    Attribution.Attributed a = attribute("https://shop.example/", "");
    assertThat(a.referrer()).isEmpty();
    assertThat(a.referrerSource()).isEmpty();
    assertThat(a.utm()).isEqualTo(Utm.NONE);
  }
}
