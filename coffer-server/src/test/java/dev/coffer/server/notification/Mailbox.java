package dev.coffer.server.notification;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A real SMTP server (GreenMail) on a free port of 127.0.0.1, and what it received, by recipient. */
public final class Mailbox {

    /** One received mail: its recipient, subject, headers we check, and both parts. */
    public record Mail(String to, String subject, String listUnsubscribe, String messageId, String text, String html) {
    }

    private final GreenMail greenMail;

    public Mailbox() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
    }

    public int port() {
        return greenMail.getSmtp().getPort();
    }

    /** Points the server's {@code spring.mail.*} at this mailbox (from a {@code @DynamicPropertySource} method). */
    public void configure(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", this::port);
    }

    public void stop() {
        greenMail.stop();
    }

    /** Every mail received for {@code address} (compared case-insensitively), in order of arrival. */
    public List<Mail> to(String address) {
        List<Mail> mails = new ArrayList<>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            try {
                Address[] rcpt = m.getAllRecipients();
                if (rcpt != null && Arrays.stream(rcpt).anyMatch(a -> a.toString().equalsIgnoreCase(address))) {
                    mails.add(new Mail(address, m.getSubject(), m.getHeader("List-Unsubscribe", null),
                            m.getHeader("Message-ID", null), part(m, "text/plain"), part(m, "text/html")));
                }
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return mails;
    }

    public List<String> subjectsTo(String address) {
        return to(address).stream().map(Mail::subject).toList();
    }

    public int total() {
        return greenMail.getReceivedMessages().length;
    }

    public List<String> allSubjects() {
        List<String> subjects = new ArrayList<>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            try {
                subjects.add(m.getSubject());
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return subjects;
    }

    private static String part(Part p, String type) throws MessagingException, IOException {
        if (p.isMimeType(type) && !Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition())) {
            return p.getContent().toString();
        }
        if (p.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) p.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                String found = part(mp.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
