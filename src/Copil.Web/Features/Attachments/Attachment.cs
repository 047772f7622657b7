namespace Copil.Web.Features.Attachments;

/// <summary>A file attached to an action sheet (supporting document, annex). The bytes live on disk; the row says what they are.</summary>
public sealed class Attachment
{
    public Guid Id { get; set; }

    public Guid AgreementId { get; set; }

    public Guid ActionSheetId { get; set; }

    /// <summary>The name to offer on download, cleaned of anything a file system or a header would misread.</summary>
    public string FileName { get; set; } = "";

    /// <summary>The type found in the content itself, never the one the browser claimed.</summary>
    public string ContentType { get; set; } = "";

    public long Size { get; set; }

    /// <summary>Hex SHA-256 of the content.</summary>
    public string Sha256 { get; set; } = "";

    public string Description { get; set; } = "";

    public DateTime UploadedAtUtc { get; set; }

    public string UploadedBy { get; set; } = "";
}
