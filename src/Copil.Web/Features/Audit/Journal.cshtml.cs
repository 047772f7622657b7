using Copil.Domain.Access;
using Copil.Web.Data;
using Copil.Web.Features.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Audit;

[AgreementPermission(AgreementPermission.ReadAudit)]
public sealed class JournalModel(AuditLog log, CopilDbContext db) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public string Reference { get; private set; } = "";

    public List<AuditEntry> Entries { get; private set; } = [];

    public long? NextBefore { get; private set; }

    public async Task<IActionResult> OnGetAsync(long? before)
    {
        Reference = await db.Agreements.Where(a => a.Id == Id).Select(a => a.Reference).FirstAsync();
        Entries = await log.PageAsync(Id, before, PageSize);
        NextBefore = Entries.Count == PageSize ? Entries[^1].Id : null;
        return Page();
    }

    /// <summary>One French line per changed value: "Intitulé : ancien → nouveau".</summary>
    public static IEnumerable<string> Lines(AuditEntry e)
    {
        var before = Parse(e.Before);
        var after = Parse(e.After);
        foreach (var key in before.Keys.Union(after.Keys))
        {
            if (key is "Id" or "AgreementId" or "AmendmentId")
            {
                continue;
            }

            if (e.Action != "Modified" && (before.GetValueOrDefault(key) ?? after.GetValueOrDefault(key)) is null)
            {
                continue;
            }

            var label = FieldLabels.TryGetValue(key, out var l) ? l : key;
            yield return e.Action switch
            {
                "Added" => $"{label} : {Show(after.GetValueOrDefault(key))}",
                "Deleted" => $"{label} : {Show(before.GetValueOrDefault(key))}",
                _ => $"{label} : {Show(before.GetValueOrDefault(key))} → {Show(after.GetValueOrDefault(key))}",
            };
        }
    }

    private static Dictionary<string, string?> Parse(string? json) =>
        json is null
            ? []
            : System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, System.Text.Json.JsonElement>>(json)!
                .ToDictionary(kv => kv.Key, kv => kv.Value.ValueKind switch
                {
                    System.Text.Json.JsonValueKind.Null => null,
                    System.Text.Json.JsonValueKind.String => kv.Value.GetString(),
                    System.Text.Json.JsonValueKind.True => "oui",
                    System.Text.Json.JsonValueKind.False => "non",
                    _ => kv.Value.GetRawText(),
                });

    private static string Show(string? value) =>
        value is null ? "(vide)"
        : DateOnly.TryParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date) ? Copil.Domain.Common.FrenchText.Date(date)
        : value;

    private static readonly Dictionary<string, string> FieldLabels = new()
    {
        ["Reference"] = "Référence",
        ["Title"] = "Intitulé",
        ["LegalBasis"] = "Fondement",
        ["SignedOn"] = "Date de signature",
        ["SignedAt"] = "Lieu de signature",
        ["TermMonths"] = "Durée (mois)",
        ["TermArticle"] = "Article de la durée",
        ["RenewalPolicy"] = "Renouvellement",
        ["EndOfTermRule"] = "Règle de fin",
        ["CommitteeArticle"] = "Article du comité",
        ["QuorumBasisPoints"] = "Quorum (centièmes de %)",
        ["CastingVoteSeatId"] = "Voix prépondérante",
        ["AmendedEndDate"] = "Date de fin fixée par avenant",
        ["VoidOn"] = "Caduque le",
        ["VoidReason"] = "Motif de caducité",
        ["Version"] = "Version",
        ["Name"] = "Nom",
        ["ShortName"] = "Sigle",
        ["Kind"] = "Type",
        ["ReviewingDirectorate"] = "Direction relectrice",
        ["ReviewingDirectorateName"] = "Direction relectrice (nom)",
        ["PartyId"] = "Partie",
        ["Role"] = "Rôle ou qualité",
        ["Position"] = "Rang",
        ["Holder"] = "Titulaire",
        ["Substitute"] = "Suppléant",
        ["VoteWeight"] = "Voix",
        ["IsBoardMember"] = "Membre du CA",
        ["Organisation"] = "Organisme",
        ["Capacity"] = "À titre de",
        ["Article"] = "Article",
        ["Year"] = "Année",
        ["AmountCents"] = "Montant (centimes)",
        ["Number"] = "Numéro",
        ["Summary"] = "Objet",
        ["NewEndDate"] = "Nouvelle date de fin",
        ["Subject"] = "Objet de la modification",
        ["Before"] = "Avant",
        ["After"] = "Après",
        ["ReceivedOn"] = "Reçue le",
        ["EarliestEffectiveOn"] = "Effet au plus tôt",
        ["RequestedEffectiveOn"] = "Effet demandé",
        ["Reason"] = "Motif",
        ["UserId"] = "Compte",
        ["SeatId"] = "Siège",
        ["Terms.NoticePeriodMonths"] = "Préavis (mois)",
        ["Terms.DocumentsLeadDays"] = "Envoi des documents (jours)",
        ["Terms.MinutesReviewDays"] = "Relecture du compte rendu (jours)",
        ["Terms.ManagementFeeCapBasisPoints"] = "Plafond des frais de gestion (centièmes de %)",
        ["Terms.OpinionDelayDays"] = "Délai des avis (jours)",
        ["Terms.ReminderOffsets"] = "Rappels avant échéance (jours)",
        ["Terms.CeilingPolicy"] = "Dépassement du plafond annuel",
    };

    public static string Describe(AuditEntry e)
    {
        var action = e.Action switch { "Added" => "Ajout", "Deleted" => "Suppression", _ => "Modification" };
        var what = e.EntityType switch
        {
            "Agreement" => "convention",
            "Party" => "partie",
            "Signatory" => "signataire",
            "CooperationAxis" => "axe de coopération",
            "CommitteeSeat" => "siège du comité",
            "CommitteeInvitee" => "invité",
            "YearlyCeiling" => "plafond annuel",
            "Amendment" => "avenant",
            "AmendmentChange" => "modification d'avenant",
            "Termination" => "résiliation",
            "Membership" => "habilitation",
            _ => e.EntityType,
        };
        return $"{action} : {what}";
    }
}
