namespace NewsMonitor.Management;

/// <summary>
/// The words of the pages a digest's links open, in the subscriber's language ("fr" or "en", as the digest). A link
/// that cannot be read names no subscriber, so its page says it in both.
/// </summary>
public sealed class ActionWording
{
    private readonly bool french;

    private ActionWording(bool french) => this.french = french;

    public static ActionWording For(string language) => language == "fr" ? French : English;

    public static readonly ActionWording English = new(false);

    public static readonly ActionWording French = new(true);

    public string Language => french ? "fr" : "en";

    public static string InvalidTitle => "Link not valid · Lien non valide";

    public static string InvalidMessage(bool unsubscribe) =>
        (unsubscribe ? "This unsubscribe link is damaged or has expired." : "This link is damaged or has expired.")
        + " Use the link in a more recent digest. · Ce lien est abîmé ou a expiré : utilisez celui d’un résumé plus récent.";

    public string NotSubscribedTitle => Say("Not subscribed", "Pas abonné");

    public string NotSubscribed => Say("This address is no longer on the list; nothing more will be sent.", "Cette adresse n’est plus sur la liste ; plus rien ne lui sera envoyé.");

    // Unsubscribe
    public string UnsubscribeTitle => Say("Unsubscribe?", "Se désabonner ?");

    public string UnsubscribeAsk(string email) => Say($"Stop the News Monitor digests sent to {email}?", $"Ne plus envoyer les résumés de News Monitor à {email} ?");

    public string UnsubscribeButton => Say("Unsubscribe", "Se désabonner");

    public string UnsubscribedTitle => Say("Unsubscribed", "Désabonné");

    public string Unsubscribed(string email) => Say($"{email} will get no more digests.", $"{email} ne recevra plus de résumés.");

    public string AlreadyUnsubscribedTitle => Say("Already unsubscribed", "Déjà désabonné");

    public string AlreadyUnsubscribed(string email) => Say($"{email} gets no digests.", $"{email} ne reçoit aucun résumé.");

    // Stop one term
    public string StopTermTitle(string term) => Say($"Stop alerts for {term}?", $"Ne plus recevoir d’alertes pour {term} ?");

    public string StopTermAsk(string email, string term) =>
        Say($"{email} will get no more alerts for “{term}”; the other terms followed are not affected.", $"{email} ne recevra plus d’alertes pour « {term} » ; les autres termes suivis ne changent pas.");

    public string StopLastTermAsk(string email, string term) =>
        Say($"“{term}” is the last term {email} follows: once stopped, no digest is sent until a term is followed again. To stop everything, unsubscribe instead.",
            $"« {term} » est le dernier terme que suit {email} : ensuite, aucun résumé ne sera envoyé tant qu’aucun terme n’est suivi. Pour tout arrêter, désabonnez-vous plutôt.");

    public string StopTermButton(string term) => Say($"Stop alerts for {term}", $"Ne plus recevoir d’alertes pour {term}");

    public string TermStoppedTitle => Say("Alerts stopped", "Alertes arrêtées");

    public string TermStopped(string email, string term) => Say($"{email} gets no more alerts for “{term}”.", $"{email} ne recevra plus d’alertes pour « {term} ».");

    public string LastTermStopped(string email, string term) =>
        Say($"{email} gets no more alerts for “{term}” and now follows no term, so no digest will be sent. Unsubscribe to be taken off the list.",
            $"{email} ne recevra plus d’alertes pour « {term} » et ne suit plus aucun terme : aucun résumé ne sera envoyé. Désabonnez-vous pour quitter la liste.");

    public string AlreadyStoppedTitle => Say("Already stopped", "Déjà arrêté");

    public string AlreadyStopped(string email, string term) => Say($"{email} already gets no alerts for “{term}”.", $"{email} ne reçoit déjà plus d’alertes pour « {term} ».");

    public string TermRemovedTitle => Say("Term removed", "Terme supprimé");

    public string TermRemoved(string termId) =>
        Say($"The term “{termId}” was removed from the watchlist: it sends no alerts any more. Nothing was changed.",
            $"Le terme « {termId} » a été retiré de la liste de veille : il n’envoie plus d’alertes. Rien n’a été modifié.");

    // Change how often
    public string CadenceTitle => Say("How often?", "À quelle fréquence ?");

    public string CadenceAsk(string email, string schedule) =>
        Say($"{email} receives digests {schedule}. Choose how often:", $"{email} reçoit les résumés {schedule}. Choisissez la fréquence :");

    public string Current(string label) => Say($"{label} (current)", $"{label} (actuelle)");

    public string CadenceChangedTitle => Say("Changed", "Modifié");

    public string CadenceChanged(string email, string schedule) => Say($"{email} now receives digests {schedule}.", $"{email} reçoit désormais les résumés {schedule}.");

    public string CadenceUnchangedTitle => Say("No change", "Aucun changement");

    public string CadenceUnchanged(string email, string schedule) => Say($"{email} already receives digests {schedule}.", $"{email} reçoit déjà les résumés {schedule}.");

    public string CadenceInvalidTitle => Say("Choose one", "Choisissez");

    public string CadenceInvalid(string choices) => Say($"Choose one of: {choices}.", $"Choisissez parmi : {choices}.");

    // Not relevant
    public string NotRelevantTitle => Say("Not relevant?", "Pas pertinent ?");

    public string NotRelevantAsk(string title, string term) =>
        Say($"Tell the watchlist editor that “{title}” is not relevant to “{term}”?", $"Signaler à la personne qui gère la liste de veille que « {title} » n’est pas pertinent pour « {term} » ?");

    public string NotRelevantButton => Say("Not relevant", "Pas pertinent");

    public string RecordedTitle => Say("Thank you", "Merci");

    public string Recorded(string title, string term) =>
        Say($"“{title}” is recorded as not relevant to “{term}”; the watchlist editor will see it.", $"« {title} » est noté comme non pertinent pour « {term} » ; la personne qui gère la liste de veille le verra.");

    public string AlreadyRecordedTitle => Say("Already recorded", "Déjà noté");

    public string AlreadyRecorded(string title, string term) =>
        Say($"“{title}” was already recorded as not relevant to “{term}”.", $"« {title} » était déjà noté comme non pertinent pour « {term} ».");

    public string ArticleGoneTitle => Say("Article gone", "Article introuvable");

    public string ArticleGone => Say("This article is no longer stored; nothing was recorded.", "Cet article n’est plus conservé ; rien n’a été noté.");

    private string Say(string english, string frenchText) => french ? frenchText : english;
}
