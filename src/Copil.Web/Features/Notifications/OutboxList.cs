namespace Copil.Web.Features.Notifications;

/// <summary>What the outbox partial shows, for the administrator's page and the secretariat's page alike.</summary>
public sealed record OutboxList(OutboxCounts Counts, OutboxView View, List<OutboxMessage> Messages, int Page, string BasePath)
{
    public static string Label(OutboxView view) => view switch
    {
        OutboxView.Waiting => "En attente",
        OutboxView.Failing => "En échec (nouvel essai prévu)",
        OutboxView.Refused => "Refusés ou abandonnés",
        OutboxView.Held => "Retenus après une restauration",
        _ => "Envoyés",
    };

    public static string Slug(OutboxView view) => view switch
    {
        OutboxView.Waiting => "attente",
        OutboxView.Failing => "echec",
        OutboxView.Refused => "refuses",
        OutboxView.Held => "retenus",
        _ => "envoyes",
    };

    public static OutboxView Parse(string? slug) =>
        Enum.GetValues<OutboxView>().FirstOrDefault(v => Slug(v) == slug, OutboxView.Failing);

    public int Count(OutboxView view) => view switch
    {
        OutboxView.Waiting => Counts.Waiting,
        OutboxView.Failing => Counts.Failing,
        OutboxView.Refused => Counts.Refused,
        OutboxView.Held => Counts.Held,
        _ => Counts.Sent,
    };
}
