package dev.coffer.server.notification.internal;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends mail through Spring Boot's {@code spring.mail.*} sender, as multipart plain text + HTML with a
 * {@code List-Unsubscribe} header and a {@code Message-ID} derived from the outbox key. Without
 * {@code spring.mail.host} there is no sender: {@link #configured()} is false and nothing is sent. Reports the
 * SMTP server's last answer, on success and on failure.
 */
@Component
public class MailChannel {

    private final ObjectProvider<JavaMailSender> senders;
    private final NotificationSettings settings;

    public MailChannel(ObjectProvider<JavaMailSender> senders, NotificationSettings settings) {
        this.senders = senders;
        this.settings = settings;
    }

    public boolean configured() {
        return senders.getIfAvailable() != null;
    }

    /** Where mail goes, for the provider area: "host:port", or empty without SMTP. */
    public Optional<String> server() {
        JavaMailSender s = senders.getIfAvailable();
        if (s instanceof JavaMailSenderImpl impl) {
            return Optional.of(impl.getHost() + (impl.getPort() > 0 ? ":" + impl.getPort() : ""));
        }
        return s == null ? Optional.empty() : Optional.of("configured");
    }

    /**
     * Sends one message; returns the SMTP server's answer (e.g. {@code 250 OK}).
     *
     * @throws DeliveryException with the server's answer or the connection error; always retriable
     */
    public String send(String to, String subject, String text, String html, Optional<String> messageKey)
            throws DeliveryException {
        JavaMailSender sender = senders.getIfAvailable();
        if (sender == null) {
            throw new DeliveryException("mail is not configured (spring.mail.host is not set)", true);
        }
        try {
            MimeMessage message = sender instanceof JavaMailSenderImpl impl
                    ? new KeyedMimeMessage(impl.getSession(), messageKey) : sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom(settings.from());
            helper.setTo(new InternetAddress(to, true));
            helper.setSubject(subject);
            helper.setText(text, html);
            message.setHeader("List-Unsubscribe", "<" + settings.notificationsUrl() + ">");
            message.setHeader("Auto-Submitted", "auto-generated");
            if (sender instanceof JavaMailSenderImpl impl) {
                return sendAndAnswer(impl, message);
            }
            sender.send(message);
            return "accepted";
        } catch (MessagingException | org.springframework.mail.MailException e) {
            throw new DeliveryException(describe(e), true);
        }
    }

    private static String sendAndAnswer(JavaMailSenderImpl impl, MimeMessage message) throws MessagingException {
        Transport transport = impl.getSession().getTransport(impl.getProtocol() == null ? "smtp" : impl.getProtocol());
        try {
            transport.connect(impl.getHost(), impl.getPort(), impl.getUsername(), impl.getPassword());
            message.saveChanges();
            transport.sendMessage(message, message.getAllRecipients());
            return lastAnswer(transport).orElse("accepted");
        } finally {
            transport.close();
        }
    }

    /** SMTPTransport's last reply, without a compile-time dependency on the mail implementation. */
    private static Optional<String> lastAnswer(Transport transport) {
        try {
            Object answer = transport.getClass().getMethod("getLastServerResponse").invoke(transport);
            return answer == null ? Optional.empty() : Optional.of(answer.toString().strip());
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The messages of the exception and its causes, once each: the SMTP answer is usually the innermost. */
    static String describe(Throwable e) {
        Set<String> parts = new LinkedHashSet<>();
        for (Throwable t = e; t != null && parts.size() < 5; t = t.getCause() == t ? null : t.getCause()) {
            addPart(parts, t.getMessage());
        }
        String joined = String.join(": ", parts);
        return joined.isBlank() ? e.getClass().getSimpleName() : joined;
    }

    private static void addPart(Set<String> parts, String message) {
        if (message == null || message.isBlank()) {
            return;
        }
        String m = message.strip().replace('\n', ' ').replace('\r', ' ');
        if (parts.stream().noneMatch(p -> p.contains(m))) {
            parts.add(m);
        }
    }

    /** Keeps the Message-ID derived from the outbox key instead of a random one. */
    private static final class KeyedMimeMessage extends MimeMessage {

        private final Optional<String> key;

        KeyedMimeMessage(Session session, Optional<String> key) {
            super(session);
            this.key = key;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            if (key.isPresent()) {
                setHeader("Message-ID", "<" + key.get() + "@coffer.notifications>");
            } else {
                super.updateMessageID();
            }
        }
    }
}
