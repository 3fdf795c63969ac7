package dev.coffer.server.notification;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.coffer.server.notification.internal.DeliveryException;
import dev.coffer.server.notification.internal.MailChannel;
import dev.coffer.server.notification.internal.MessageRenderer;
import dev.coffer.server.notification.internal.RenderedMessage;
import dev.coffer.server.system.FieldProblem;
import dev.coffer.server.system.Inputs;
import dev.coffer.server.system.ValidationException;
import org.springframework.stereotype.Service;

/** Whether mail is configured, and a test email sent directly (not through the outbox) to see the SMTP answer. */
@Service
public class MailStatus {

    private final MailChannel mail;
    private final MessageRenderer renderer;
    private final Clock clock;

    MailStatus(MailChannel mail, MessageRenderer renderer, Clock clock) {
        this.mail = mail;
        this.renderer = renderer;
        this.clock = clock;
    }

    public boolean configured() {
        return mail.configured();
    }

    /** "host:port" of the SMTP server, when configured. */
    public Optional<String> server() {
        return mail.server();
    }

    /**
     * Sends a test email to {@code to} now and reports the server's answer.
     *
     * @throws ValidationException naming {@code to} when it is not an email address
     */
    public TestEmailResult sendTest(String to) {
        List<FieldProblem> problems = new ArrayList<>();
        Inputs.email("to", to, problems);
        ValidationException.throwIfAny(problems);
        String address = to.strip();
        if (!mail.configured()) {
            return new TestEmailResult(false, "Mail is not configured: set spring.mail.host (and port, username, "
                    + "password) to send email.");
        }
        RenderedMessage m = renderer.testEmail(clock.instant());
        try {
            return new TestEmailResult(true, mail.send(address, m.subject(), m.text(), m.html(), Optional.empty()));
        } catch (DeliveryException e) {
            return new TestEmailResult(false, e.getMessage());
        }
    }
}
