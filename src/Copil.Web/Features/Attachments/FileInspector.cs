using System.IO.Compression;
using System.Text;
using Copil.Domain.Common;

namespace Copil.Web.Features.Attachments;

/// <summary>
/// Decides what a file is from its first bytes (and, for Office files, from the parts inside the archive), never from
/// its name or the type the browser claims: PDF, images, Office and OpenDocument files are accepted.
/// </summary>
public static class FileInspector
{
    public const long MaxBytes = 10 * 1024 * 1024;

    private static readonly Dictionary<string, string> ZipTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        [".odt"] = "application/vnd.oasis.opendocument.text",
        [".ods"] = "application/vnd.oasis.opendocument.spreadsheet",
        [".odp"] = "application/vnd.oasis.opendocument.presentation",
    };

    public static Result<(string ContentType, string Extension)> Inspect(byte[] content, string declaredName)
    {
        if (content.Length == 0)
        {
            return new DomainError("file.empty", "Le fichier est vide.", "File");
        }

        if (content.LongLength > MaxBytes)
        {
            return new DomainError("file.size", "Le fichier dépasse 10 Mo.", "File");
        }

        var extension = Path.GetExtension(declaredName ?? "").ToLowerInvariant();
        if (StartsWith(content, "%PDF-"u8))
        {
            return ("application/pdf", ".pdf");
        }

        if (StartsWith(content, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return ("image/png", ".png");
        }

        if (StartsWith(content, [0xFF, 0xD8, 0xFF]))
        {
            return ("image/jpeg", ".jpg");
        }

        if (StartsWith(content, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) && extension is ".doc" or ".xls" or ".ppt")
        {
            return (extension switch { ".doc" => "application/msword", ".xls" => "application/vnd.ms-excel", _ => "application/vnd.ms-powerpoint" }, extension);
        }

        if (StartsWith(content, "PK\u0003\u0004"u8) && ZipTypes.TryGetValue(extension, out var zipType) && IsOfficeArchive(content, extension))
        {
            return (zipType, extension);
        }

        return new DomainError("file.type", "Ce fichier n'est pas d'un type accepté (PDF, image PNG ou JPEG, document Word, Excel, PowerPoint ou OpenDocument), ou son contenu ne correspond pas à son extension.", "File");
    }

    /// <summary>A name safe on every file system and in a Content-Disposition header, with the extension the content has.</summary>
    public static string SafeName(string declaredName, string extension)
    {
        var stem = Path.GetFileNameWithoutExtension(declaredName ?? "");
        var cleaned = new StringBuilder();
        foreach (var c in stem.Normalize(NormalizationForm.FormC))
        {
            cleaned.Append(char.IsLetterOrDigit(c) || c is '-' or '_' or ' ' or '.' ? c : '_');
        }

        var result = cleaned.ToString().Trim(' ', '.', '_');
        if (result.Length == 0)
        {
            result = "piece-jointe";
        }

        return (result.Length > 100 ? result[..100] : result) + extension;
    }

    private static bool IsOfficeArchive(byte[] content, string extension)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
            return extension.StartsWith(".od", StringComparison.Ordinal)
                ? zip.GetEntry("mimetype") is not null
                : zip.GetEntry("[Content_Types].xml") is not null;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    private static bool StartsWith(byte[] content, ReadOnlySpan<byte> prefix) => content.AsSpan().StartsWith(prefix);
}
