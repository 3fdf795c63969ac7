package dev.coffer.server.system;

import java.net.URI;
import java.util.Locale;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Every problem detail names its {@code type}: {@code urn:coffer:problem:<status>} (for example
 * {@code urn:coffer:problem:not-found}), so a client can tell kinds apart without parsing text. Spring leaves a
 * problem's type at {@code about:blank}, which it does not even write; this sets it on every problem a controller
 * or advice answers, and {@code ProblemJson} uses the same names for the security layer's answers.
 */
@ControllerAdvice
public class ProblemTypes implements ResponseBodyAdvice<Object> {

    static final URI BLANK = URI.create("about:blank");

    /** The type of a problem with this HTTP status. */
    public static URI of(int status) {
        HttpStatus s = HttpStatus.resolve(status);
        String name = s == null ? Integer.toString(status)
                : s.getReasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return URI.create("urn:coffer:problem:" + name);
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (body instanceof ProblemDetail pd && (pd.getType() == null || BLANK.equals(pd.getType()))) {
            pd.setType(of(pd.getStatus()));
        }
        return body;
    }
}
