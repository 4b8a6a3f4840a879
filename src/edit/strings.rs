//! The editing interface's strings, in French and English (the controls
//! that open it are in `crate::i18n`: the reader bundle shows them too).

use crate::i18n::Lang;

pub struct EditStrings {
    pub required: &'static str,
    pub edited: &'static str,
    pub form_title: &'static str,
    pub new_title: fn(u32) -> String,
    pub done: &'static str,
    pub close: &'static str,
    pub review_title: &'static str,
    pub nothing_pending: &'static str,
    pub new_row: &'static str,
    pub revert: &'static str,
    pub before: &'static str,
    pub after: &'static str,
    pub empty: &'static str,
    pub errors_title: fn(usize) -> String,
    pub message: &'static str,
    pub message_help: &'static str,
    pub name: &'static str,
    pub email: &'static str,
    pub optional: &'static str,
    pub consent: &'static str,
    pub consent_needed: &'static str,
    pub send: &'static str,
    pub sending: &'static str,
    pub download: &'static str,
    pub no_server: &'static str,
    pub sent: fn(&str) -> String,
    pub offline: &'static str,
    pub server_error: fn(u16) -> String,
    pub kept: &'static str,
    pub fix_first: &'static str,
    pub choose: &'static str,
    pub format_hint: &'static str,
}

pub fn edit_strings(lang: Lang) -> &'static EditStrings {
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

static FR: EditStrings = EditStrings {
    required: "obligatoire",
    edited: "modifié",
    form_title: "Proposer une modification",
    new_title: |n| format!("Nouveau projet n° {}", n + 1),
    done: "Terminer",
    close: "Fermer",
    review_title: "Ma proposition",
    nothing_pending: "Aucune modification en attente.",
    new_row: "nouveau projet",
    revert: "Annuler cette modification",
    before: "avant",
    after: "après",
    empty: "(vide)",
    errors_title: |n| {
        if n == 1 {
            "1 erreur à corriger avant l'envoi".into()
        } else {
            format!("{n} erreurs à corriger avant l'envoi")
        }
    },
    message: "Message aux modérateurs",
    message_help: "Expliquez votre proposition (source, contexte).",
    name: "Nom",
    email: "Adresse électronique",
    optional: "facultatif",
    consent: "J'accepte que mon nom et mon adresse soient conservés avec la proposition.",
    consent_needed: "Cochez la case de consentement ou retirez votre nom et votre adresse.",
    send: "Envoyer la proposition",
    sending: "Envoi…",
    download: "Télécharger ma proposition (JSON)",
    no_server: "Aucun serveur configuré : téléchargez votre proposition pour l'envoyer.",
    sent: |r| format!("Proposition envoyée. Numéro de référence : {r}."),
    offline: "Envoi impossible : le serveur ne répond pas (êtes-vous hors ligne ?).",
    server_error: |s| format!("Le serveur a répondu par une erreur ({s})."),
    kept: "Rien n'est perdu : vos modifications sont conservées.",
    fix_first: "Corrigez les erreurs avant d'envoyer.",
    choose: "— choisir —",
    format_hint: "Format",
};

static EN: EditStrings = EditStrings {
    required: "required",
    edited: "edited",
    form_title: "Suggest a change",
    new_title: |n| format!("New project #{}", n + 1),
    done: "Done",
    close: "Close",
    review_title: "My proposal",
    nothing_pending: "No pending change.",
    new_row: "new project",
    revert: "Undo this change",
    before: "before",
    after: "after",
    empty: "(empty)",
    errors_title: |n| {
        if n == 1 {
            "1 error to fix before sending".into()
        } else {
            format!("{n} errors to fix before sending")
        }
    },
    message: "Message to the moderators",
    message_help: "Explain your proposal (source, context).",
    name: "Name",
    email: "Email",
    optional: "optional",
    consent: "I agree that my name and email are kept with the proposal.",
    consent_needed: "Tick the consent box or remove your name and email.",
    send: "Send the proposal",
    sending: "Sending…",
    download: "Download my proposal (JSON)",
    no_server: "No server is configured: download your proposal to send it.",
    sent: |r| format!("Proposal sent. Reference number: {r}."),
    offline: "Could not send: the server does not answer (are you offline?).",
    server_error: |s| format!("The server answered with an error ({s})."),
    kept: "Nothing is lost: your changes are kept.",
    fix_first: "Fix the errors before sending.",
    choose: "— choose —",
    format_hint: "Format",
};
