package dev.footfall.examples.spring;

import dev.footfall.Analytics;
import dev.footfall.RequestContext;
import dev.footfall.TrackRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Signs a user up and records a "Signup" event on the server, where no ad blocker can stop it. */
@RestController
class SignupController {
  private final Analytics analytics;

  SignupController(Analytics analytics) {
    this.analytics = analytics;
  }

  @PostMapping("/signup")
  ResponseEntity<Map<String, String>> signup(@RequestParam String plan,
      HttpServletRequest request) {
    // ... create the account ...
    String userAgent = request.getHeader("User-Agent");
    analytics.tracker().track(TrackRequest.event(ShopApplication.SITE_ID, "Signup",
            request.getRequestURL().toString())
        .prop("plan", plan)
        .referrer(request.getHeader("Referer"))
        .context(RequestContext.of(request.getRemoteAddr(), userAgent == null ? "" : userAgent))
        .build());
    return ResponseEntity.ok(Map.of("status", "welcome"));
  }
}
