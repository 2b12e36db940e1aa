package dev.northstar.platform.testing;

import java.util.List;

/**
 * One API path spelled the ways a check on the raw path string would miss (a trailing slash, doubled slashes, a
 * matrix parameter, percent-encoded letters), for access tests: send each with REST Assured's
 * {@code urlEncodingEnabled(false)}, so that it goes out exactly as written.
 */
public final class PathSpellings {

    /** {@code path} itself and its other spellings; {@code path} starts with {@code /api/v1/products}. */
    public static List<String> of(String path) {
        if (!path.startsWith("/api/v1/products")) {
            throw new IllegalArgumentException("a path under /api/v1/products: " + path);
        }
        String rest = path.substring("/api/v1/products".length());
        return List.of(
                path,
                path + "/",
                path.replace("/api/v1/", "/api/v1//") + "//",
                "/api/v1/products;spelling=matrix" + rest,
                path + ";spelling=matrix",
                "/api/v1/%70roduct%73" + rest);
    }

    private PathSpellings() {
    }
}
