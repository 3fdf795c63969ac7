package dev.coffer.server.notification.internal;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import dev.coffer.server.notification.BackupRunFinished;
import dev.coffer.server.notification.DeviceMissedSchedule;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders each kind of message from {@code templates/notification/<name>.html} and {@code .txt}, with the texts of
 * {@code notification/messages.properties} (English; a translation is a {@code messages_<lang>.properties}).
 * Thread-safe.
 */
@Component
public class MessageRenderer {

    static final Locale LOCALE = Locale.ENGLISH;
    private static final int MAX_PATHS = 20;

    private final MessageSource messages;
    private final SpringTemplateEngine html;
    private final SpringTemplateEngine text;

    public MessageRenderer() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("notification/messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        this.messages = source;
        this.html = engine(TemplateMode.HTML, ".html", source);
        this.text = engine(TemplateMode.TEXT, ".txt", source);
    }

    private static SpringTemplateEngine engine(TemplateMode mode, String suffix, MessageSource source) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/notification/");
        resolver.setSuffix(suffix);
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        engine.setTemplateEngineMessageSource(source);
        return engine;
    }

    /** {@code footer}: why the recipient gets it (one of the footer.* texts, already resolved). */
    public RenderedMessage runFinished(BackupRunFinished e, String consoleUrl, String footer) {
        String subject = message("run.subject." + e.status(), e.deviceName());
        Map<String, Object> vars = new java.util.HashMap<>();
        vars.put("subject", subject);
        vars.put("whatKey", "run.what." + e.status());
        vars.put("nextKey", "run.next." + e.status());
        vars.put("device", e.deviceName());
        vars.put("deviceType", label(e.deviceType()));
        vars.put("startedAt", Formats.time(e.startedAt()));
        vars.put("finishedAt", Formats.time(e.finishedAt()));
        vars.put("duration", Formats.duration(e.duration()));
        vars.put("files", String.format(Locale.ROOT, "%,d", e.files()));
        vars.put("bytesAdded", Formats.bytes(e.bytesAdded()));
        vars.put("message", e.message());
        vars.put("unreadable", e.unreadablePaths().subList(0, Math.min(MAX_PATHS, e.unreadablePaths().size())));
        vars.put("unreadableCount", String.valueOf(e.unreadablePaths().size()));
        vars.put("moreUnreadable", Math.max(0, e.unreadablePaths().size() - MAX_PATHS));
        vars.put("consoleUrl", consoleUrl);
        vars.put("footer", footer);
        return render("run-finished", subject, vars);
    }

    public RenderedMessage quotaAlert(QuotaAlert a, String consoleUrl, String footer) {
        String used = a.item().isDeviceCount() ? a.used() + " devices" : Formats.bytes(a.used());
        String limit = a.item().isDeviceCount() ? a.limit() + " devices" : Formats.bytes(a.limit());
        // a device count stops no backup: it refuses a registration
        String kind = a.kind() == QuotaAlert.Kind.STOP && a.item().isDeviceCount() ? "REFUSED" : a.kind().name();
        String subject = message("quota.subject." + kind, a.owner(), a.item().label(), String.valueOf(a.percent()));
        Map<String, Object> vars = new java.util.HashMap<>();
        vars.put("subject", subject);
        vars.put("whatKey", "quota.what." + kind);
        vars.put("nextKey", "quota.next." + kind);
        vars.put("owner", a.owner());
        vars.put("limitLabel", a.item().label());
        vars.put("percent", String.valueOf(a.percent()));
        vars.put("used", used);
        vars.put("limit", limit);
        vars.put("device", a.device());
        vars.put("detail", a.detail());
        vars.put("consoleUrl", consoleUrl);
        vars.put("footer", footer);
        return render("quota-alert", subject, vars);
    }

    public RenderedMessage missedSchedule(DeviceMissedSchedule e, String consoleUrl, String footer) {
        String subject = message("missed.subject", e.deviceName());
        Map<String, Object> vars = new java.util.HashMap<>();
        vars.put("subject", subject);
        vars.put("device", e.deviceName());
        vars.put("lastRun", Formats.time(e.lastRun()));
        vars.put("expected", Formats.time(e.expected()));
        vars.put("consoleUrl", consoleUrl);
        vars.put("footer", footer);
        return render("missed-schedule", subject, vars);
    }

    public RenderedMessage testEmail(Instant now) {
        return render("test-email", message("test.subject"), Map.of("time", Formats.time(now)));
    }

    /** A text of the bundle with its arguments. */
    public String message(String key, Object... args) {
        return messages.getMessage(key, args, LOCALE);
    }

    private RenderedMessage render(String template, String subject, Map<String, Object> vars) {
        Context context = new Context(LOCALE, vars);
        return new RenderedMessage(subject, text.process(template, context), html.process(template, context));
    }

    private static String label(dev.coffer.server.quota.DeviceType type) {
        return type.spelledOut();
    }
}
