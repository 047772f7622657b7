namespace Copil.Web.Data;

/// <summary>One change, appended and never edited: who, when, what, before → after (JSON of the changed values).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public Guid? AgreementId { get; set; }

    public DateTime AtUtc { get; set; }

    public string? UserId { get; set; }

    public string UserName { get; set; } = "";

    /// <summary>Added, Modified or Deleted.</summary>
    public string Action { get; set; } = "";

    public string EntityType { get; set; } = "";

    public string EntityId { get; set; } = "";

    public string? Before { get; set; }

    public string? After { get; set; }
}
