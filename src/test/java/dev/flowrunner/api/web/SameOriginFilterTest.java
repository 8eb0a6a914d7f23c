package dev.flowrunner.api.web;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SameOriginFilterTest {

    @Test
    void requestsWithoutBrowserHeadersAreNotCrossSite() {
        assertFalse(SameOriginFilter.crossSite(request(Map.of("Host", "flowrunner.test:9080"))));
    }

    @Test
    void theOwnOriginIsSameSiteWithOrWithoutItsDefaultPort() {
        assertFalse(SameOriginFilter.crossSite(request(Map.of("Host", "localhost:9180",
                "Origin", "http://localhost:9180", "Sec-Fetch-Site", "same-origin"))));
        assertFalse(SameOriginFilter.crossSite(request(Map.of("Host", "flowrunner.example.com",
                "Origin", "https://flowrunner.example.com"))));
        assertFalse(SameOriginFilter.crossSite(request(Map.of("Host", "flowrunner-0.internal:9080",
                "X-Forwarded-Host", "flowrunner.example.com", "Origin", "https://flowrunner.example.com"))),
                "behind a proxy that rewrites Host");
    }

    @Test
    void otherSitesSandboxesAndSiblingSubdomainsAreCrossSite() {
        assertTrue(SameOriginFilter.crossSite(request(Map.of("Host", "localhost:9180",
                "Origin", "http://evil.example"))));
        assertTrue(SameOriginFilter.crossSite(request(Map.of("Host", "localhost:9180", "Origin", "null"))));
        assertTrue(SameOriginFilter.crossSite(request(Map.of("Host", "localhost:9180",
                "Origin", "http://localhost:9999"))));
        assertTrue(SameOriginFilter.crossSite(request(Map.of("Host", "localhost:9180",
                "Sec-Fetch-Site", "same-site"))));
        assertTrue(SameOriginFilter.crossSite(request(Map.of("Host", "localhost:9180",
                "Origin", "not a url at all"))));
    }

    /** The few request methods the guard reads; the server's name and port come from Host, as a container does. */
    private static HttpServletRequest request(Map<String, String> headers) {
        var lower = new HashMap<String, String>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(), v));
        String host = lower.getOrDefault("host", "localhost");
        return (HttpServletRequest) Proxy.newProxyInstance(SameOriginFilterTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeader" -> lower.get(((String) args[0]).toLowerCase());
                    case "getServerName" -> host.replaceFirst(":.*", "");
                    case "getServerPort" -> host.contains(":") ? Integer.parseInt(host.replaceFirst(".*:", "")) : 80;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
