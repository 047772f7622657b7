using System.Text.Json;
using System.Text.Json.Serialization;
using Copil.Domain.Actions;
using Copil.Domain.Agreements;
using Copil.Domain.Reporting;
using Copil.Web.Documents;

namespace Copil.Web.Features.Reporting;

/// <summary>One public of one action, as published.</summary>
public sealed record OpenDataPublic(string Public, int Targeted, int? Reached, int? Women, int? Men, int? WithDisability);

/// <summary>
/// An action as published in open data: what was decided and achieved, where, for whom, for how much. Built field by
/// field from the figures: no carrier contact, no person's name, no e-mail, no comment can slip in.
/// </summary>
public sealed record OpenDataAction(
    int Number, string Title, string? Axis, string? AxisArticle, string? Level, IReadOnlyList<string> RegionCodes, IReadOnlyList<string> Regions,
    IReadOnlyList<string> AcademyCodes, int? Year, DateOnly? StartsOn, DateOnly? EndsOn, string Status, decimal ApprovedEuros, decimal? DueEuros,
    IReadOnlyList<OpenDataPublic> Publics);

/// <summary>The open-data export of an agreement (CSV and JSON), its fields documented on the page that offers it.</summary>
public static class OpenData
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The CSV columns, in order, each with what it means (shown on the documentation page).</summary>
    public static readonly IReadOnlyList<(string Column, string Meaning)> Columns =
    [
        ("numero", "Numéro de la fiche action dans la convention"),
        ("intitule", "Intitulé de l'action"),
        ("axe", "Axe de coopération de la convention"),
        ("article_axe", "Article de la convention qui définit l'axe"),
        ("niveau", "national, régional ou local"),
        ("codes_regions_academiques", "Codes des régions académiques, séparés par des virgules"),
        ("regions_academiques", "Noms des régions académiques"),
        ("codes_academies", "Codes des académies"),
        ("annee", "Année de l'action (celle de son début)"),
        ("date_debut", "Date de début (AAAA-MM-JJ)"),
        ("date_fin", "Date de fin (AAAA-MM-JJ)"),
        ("statut", "Où en est l'action"),
        ("montant_approuve_eur", "Montant approuvé à la charge de l'OPCO, en euros"),
        ("montant_du_eur", "Montant dû après la fiche de réalisation acceptée, en euros (vide sinon)"),
        ("public", "Public visé (une ligne par public)"),
        ("effectif_vise", "Effectif attendu pour ce public"),
        ("effectif_touche", "Effectif touché selon la fiche de réalisation (vide si elle n'est pas remise)"),
        ("femmes", "Dont femmes"),
        ("hommes", "Dont hommes"),
        ("situation_handicap", "Dont personnes en situation de handicap"),
    ];

    /// <summary>Actions the committee validated (those the partners committed to), in number order.</summary>
    public static IReadOnlyList<OpenDataAction> Build(Agreement agreement, IEnumerable<ActionFigures> figures) =>
        [.. figures.Where(f => f.IsCommitted || f.Status == ActionStatus.Abandoned && f.FirstApprovedCents is not null).OrderBy(f => f.Number).Select(f =>
        {
            var axis = agreement.Axes.FirstOrDefault(a => a.Id == f.AxisId);
            return new OpenDataAction(f.Number, f.Title, axis?.Title, axis?.Article, f.Level is { } l ? ActionLabels.Level(l) : null,
                f.RegionCodes, [.. f.RegionCodes.Select(ReportingQueries.RegionName)], f.AcademyCodes, f.Year, f.StartsOn, f.EndsOn, ActionLabels.Status(f.Status),
                f.CommittedCents / 100m, f.AmountDueCents is { } due ? due / 100m : null,
                [.. f.Targets.Select(t =>
                {
                    var reached = f.HasReport ? f.Report!.Beneficiaries.FirstOrDefault(b => b.Public == t.Public) : null;
                    return new OpenDataPublic(ActionLabels.Public(t.Public), t.ExpectedCount, f.HasReport ? reached?.Total ?? 0 : null, reached?.Women, reached?.Men, reached?.WithDisability);
                })]);
        })];

    public static byte[] Csv(IReadOnlyList<OpenDataAction> actions) => Spreadsheets.Csv([.. Columns.Select(c => c.Column)],
        actions.SelectMany(a => (a.Publics.Count == 0 ? [null] : a.Publics.Select(p => (OpenDataPublic?)p)).Select(p => (IReadOnlyList<object?>)
        [
            a.Number, a.Title, a.Axis, a.AxisArticle, a.Level, string.Join(",", a.RegionCodes), string.Join(", ", a.Regions), string.Join(",", a.AcademyCodes),
            a.Year, a.StartsOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), a.EndsOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            a.Status, a.ApprovedEuros, a.DueEuros, p?.Public, p?.Targeted, p?.Reached, p?.Women, p?.Men, p?.WithDisability,
        ])));

    public static byte[] JsonDocument(Agreement agreement, IReadOnlyList<OpenDataAction> actions, DateTimeOffset generatedAt) =>
        JsonSerializer.SerializeToUtf8Bytes(new
        {
            Agreement = agreement.Reference,
            Title = agreement.Title,
            Parties = agreement.Parties.Select(p => p.Name),
            GeneratedAt = generatedAt,
            Licence = "Licence Ouverte / Open Licence 2.0 (Etalab)",
            Actions = actions,
        }, Json);
}
