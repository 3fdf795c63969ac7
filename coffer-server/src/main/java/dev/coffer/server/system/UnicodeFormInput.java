package dev.coffer.server.system;

import java.beans.PropertyEditorSupport;
import java.text.Normalizer;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Form fields and request parameters are normalised to Unicode NFC as they are bound, like JSON text is
 * ({@link StrictText}), so that a name typed in the panel has the same spelling as one sent to the API.
 */
@ControllerAdvice
class UnicodeFormInput {

    @InitBinder
    void normaliseText(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new PropertyEditorSupport() {
            @Override
            public void setAsText(String text) {
                setValue(text == null ? null : Normalizer.normalize(text, Normalizer.Form.NFC));
            }
        });
    }
}
