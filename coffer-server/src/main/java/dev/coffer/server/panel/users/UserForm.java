package dev.coffer.server.panel.users;

import java.util.Map;

/** A customer's user as the Users page edits it. */
public class UserForm {

    static final Map<String, String> LABELS = Map.of("name", "Name", "email", "Email");

    private String name = "";
    private String email = "";

    static UserForm of(String name, String email) {
        UserForm f = new UserForm();
        f.name = name;
        f.email = email;
        return f;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }
}
