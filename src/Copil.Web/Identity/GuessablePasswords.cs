using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;

namespace Copil.Web.Identity;

/// <summary>
/// Refuses passwords an attacker tries first (ANSSI, NIST SP 800-63B § 5.1.1.2): one of the ~79,000 most common
/// passwords, French words and first names shipped with the app, or one of them dressed up (digits or signs around it,
/// letters swapped for look-alike digits, repeated); keyboard runs and sequences; too few different characters; the
/// person's own name or address, or the application's name. Length (12 at least) is Identity's own rule; composition
/// rules stay off. A passphrase of ordinary words passes: only the whole is compared with the list.
/// </summary>
public sealed partial class GuessablePasswordValidator : IPasswordValidator<CopilUser>
{
    private static readonly Lazy<HashSet<string>> Common = new(Load);

    private static readonly string[] Runs =
    [
        "azertyuiopqsdfghjklmwxcvbn", "qwertyuiopasdfghjklzxcvbnm", "abcdefghijklmnopqrstuvwxyz", "12345678901234567890",
        "&é\"'(-è_çà)=", "!@#$%^&*()_+",
    ];

    [GeneratedRegex(@"^[^\p{L}]*(?<core>.*?)[^\p{L}]*$")]
    private static partial Regex Dressing();

    public Task<IdentityResult> ValidateAsync(UserManager<CopilUser> manager, CopilUser user, string? password)
    {
        var weakness = Weakness(password ?? "", user.Email, user.UserName, user.DisplayName);
        return Task.FromResult(weakness is null
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError { Code = "PasswordGuessable", Description = weakness }));
    }

    /// <summary>Why the password is guessable, in French, or null.</summary>
    public static string? Weakness(string password, params string?[] personal)
    {
        var lower = password.Normalize(NormalizationForm.FormC).ToLowerInvariant();
        var core = Dressing().Match(lower).Groups["core"].Value;
        var candidates = new[] { lower, core, Unleet(lower), Unleet(core), Dressing().Match(Unleet(lower)).Groups["core"].Value }
            .Where(c => c.Length >= 4).Distinct().ToList();
        candidates.AddRange(candidates.Select(Unit).Where(u => u.Length >= 4).ToList());
        if (candidates.Any(Common.Value.Contains))
        {
            return "Ce mot de passe figure parmi les plus courants, ou en est une simple variante (chiffres ajoutés, lettres remplacées) : choisissez-en un autre, par exemple une phrase de plusieurs mots.";
        }

        if (lower.Distinct().Count() < 5)
        {
            return "Ce mot de passe compte trop peu de caractères différents : choisissez-en un autre, par exemple une phrase de plusieurs mots.";
        }

        if (new[] { lower, core, Unit(lower) }.Any(c => c.Length >= 6 && Runs.Any(r => r.Contains(c, StringComparison.Ordinal) || Reverse(r).Contains(c, StringComparison.Ordinal))))
        {
            return "Ce mot de passe est une suite de touches ou de caractères qui se devine : choisissez-en un autre, par exemple une phrase de plusieurs mots.";
        }

        var own = personal.Append("copil").OfType<string>()
            .SelectMany(p => p.ToLowerInvariant().Split(['@', '.', '-', '_', ' ', '\''], StringSplitOptions.RemoveEmptyEntries))
            .Where(t => t.Length >= 4).Distinct().OrderByDescending(t => t.Length).ToList();
        // What is left once the person's own words are taken out must stand on its own.
        var rest = own.Aggregate(lower, (text, token) => text.Replace(token, "", StringComparison.Ordinal));
        if (rest != lower)
        {
            var restCore = Dressing().Match(rest).Groups["core"].Value;
            if (rest.Count(char.IsLetterOrDigit) < 8 || Common.Value.Contains(restCore) || Common.Value.Contains(Unleet(restCore)))
            {
                return "Ce mot de passe reprend votre nom, votre adresse ou le nom de l'application : choisissez-en un autre, par exemple une phrase de plusieurs mots.";
            }
        }

        return null;
    }

    /// <summary>The letters that look-alike digits and signs stand for.</summary>
    private static string Unleet(string text) => new([.. text.Select(c => c switch
    {
        '0' => 'o',
        '1' or '!' or '|' => 'i',
        '3' => 'e',
        '4' or '@' => 'a',
        '5' or '$' => 's',
        '7' => 't',
        '8' => 'b',
        '9' => 'g',
        _ => c,
    })]);

    /// <summary>The shortest string the text repeats ("copilcopil" → "copil"), or the text itself.</summary>
    private static string Unit(string text)
    {
        for (var length = 1; length <= text.Length / 2; length++)
        {
            if (text.Length % length == 0 && string.Concat(Enumerable.Repeat(text[..length], text.Length / length)) == text)
            {
                return text[..length];
            }
        }

        return text;
    }

    private static string Reverse(string text) => new([.. text.Reverse()]);

    private static HashSet<string> Load()
    {
        using var resource = typeof(GuessablePasswordValidator).Assembly.GetManifestResourceStream("Copil.Web.Identity.common-passwords.txt.gz")
            ?? throw new InvalidOperationException("The list of common passwords is missing from the build.");
        using var reader = new StreamReader(new GZipStream(resource, CompressionMode.Decompress), Encoding.UTF8);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            words.Add(line);
        }

        return words;
    }
}
