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

    /// <summary>An Office or OpenDocument file may expand to this much, in this many parts: beyond, a decompression bomb.</summary>
    public const long MaxExpandedBytes = 100 * 1024 * 1024;

    public const int MaxEntries = 2_000;

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

        if (StartsWith(content, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        {
            // The binary formats of Office 97–2003 carry macros no one can see before opening: not accepted (ANSSI).
            return new DomainError("file.legacy-office", "Les anciens formats Office (.doc, .xls, .ppt) ne sont pas acceptés : enregistrez le document au format .docx, .xlsx, .pptx ou PDF, puis déposez-le à nouveau.", "File");
        }

        if (StartsWith(content, "PK\u0003\u0004"u8) && ZipTypes.TryGetValue(extension, out var zipType))
        {
            return ArchiveRefusal(content, extension) is { } refusal ? refusal : (zipType, extension);
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

    /// <summary>
    /// Why an Office or OpenDocument archive is refused (not one, or a decompression bomb), or null. Every part is really
    /// expanded, counting bytes against the limit: the sizes an archive declares can lie.
    /// </summary>
    private static DomainError? ArchiveRefusal(byte[] content, string extension)
    {
        var notOffice = new DomainError("file.type", "Ce fichier n'est pas d'un type accepté (PDF, image PNG ou JPEG, document Word, Excel, PowerPoint ou OpenDocument), ou son contenu ne correspond pas à son extension.", "File");
        var bomb = new DomainError("file.bomb", $"Ce document se décompresse en plus de {MaxExpandedBytes / (1024 * 1024)} Mo ou en plus de {MaxEntries} éléments : il n'est pas accepté (protection contre les « bombes de décompression »).", "File");
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
            var isOffice = extension.StartsWith(".od", StringComparison.Ordinal)
                ? zip.GetEntry("mimetype") is not null
                : zip.GetEntry("[Content_Types].xml") is not null;
            if (!isOffice)
            {
                return notOffice;
            }

            if (zip.Entries.Count > MaxEntries)
            {
                return bomb;
            }

            var budget = MaxExpandedBytes;
            var buffer = new byte[81920];
            foreach (var entry in zip.Entries)
            {
                using var part = entry.Open();
                int read;
                while ((read = part.Read(buffer, 0, buffer.Length)) > 0)
                {
                    budget -= read;
                    if (budget < 0)
                    {
                        return bomb;
                    }
                }
            }

            return null;
        }
        catch (InvalidDataException)
        {
            return notOffice;
        }
    }

    private static bool StartsWith(byte[] content, ReadOnlySpan<byte> prefix) => content.AsSpan().StartsWith(prefix);
}
