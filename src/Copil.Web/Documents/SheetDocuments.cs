using Copil.Domain.Actions;
using Copil.Domain.Agreements;
using Copil.Domain.Common;
using Copil.Domain.Reference;

namespace Copil.Web.Documents;

/// <summary>
/// The fiche action and the fiche de réalisation as administrative documents: the agreement and the articles cited,
/// and on every page the partnership mention required by art. 11 of the seed. No ministry logo (art. 11).
/// </summary>
public static class SheetDocuments
{
    public static Doc Sheet(Agreement agreement, ActionSheet sheet, DateOnly today)
    {
        // The version in force; a pending change request is not (art. 15): it is named in the state line.
        var c = sheet.EffectiveContent;
        var annex = c.Annex;
        var blocks = new List<DocBlock>
        {
            new DocHeading("Identification"),
            new DocFields(
            [
                ("Convention", $"{agreement.Title} ({agreement.Reference})"),
                ("Porteur", sheet.CarrierOrganisation),
                ("Contact", $"{c.ContactName} {c.ContactEmail}".Trim()),
                ("Axe de coopération", agreement.Axes.FirstOrDefault(a => a.Id == c.AxisId) is { } axis ? $"{axis.Title} ({axis.Article})" : ""),
                ("Niveau", c.Level is { } level ? ActionLabels.Level(level) : ""),
                ("Territoire", Territory(c)),
                ("Période", $"du {Date(c.StartsOn)} au {Date(c.EndsOn)}"),
                ("Partenaires", c.Partners ?? ""),
                ("État", $"{ActionLabels.Status(sheet.Status)} — {(sheet.ApprovedVersionNumber is { } n ? $"version approuvée {n}, en vigueur" : $"version {sheet.CurrentVersion.Number}")}"
                    + (sheet.PendingChange is { } pending ? $" ; modification proposée le {FrenchText.Date(pending.RequestedOn)} (version {pending.VersionNumber}), en attente de la décision du comité" : "")),
            ]),
            new DocHeading("L'action"),
            new DocFields(
            [
                ("Objectifs", c.Objectives ?? ""),
                ("Description", c.Description ?? ""),
                ("Ciblage équitable des lycéens, étudiants et apprentis (art. 15)", c.FairReach ?? ""),
                ("Mixité, inclusion et handicap (art. 8)", c.Inclusion ?? ""),
                ("Logos des ministères (art. 11)", c.UsesMinistryLogos ? "utilisés : autorisation expresse et écrite des ministères nécessaire" : "non utilisés"),
                ("Outil numérique (art. 12)", c.FundsDigitalTool ? "financé : accord des ministères et fiches RGPD avant mise en ligne" : "aucun"),
            ]),
            new DocHeading("Publics visés"),
            new DocTable(["Public", "Effectif attendu"], [.. c.Publics.Select(p => (IReadOnlyList<string>)[ActionLabels.Public(p.Public), Number(p.ExpectedCount)])], [70, 30], 1),
            new DocHeading("Indicateurs attendus (art. 15)"),
            new DocTable(["Indicateur", "Unité", "Mode de mesure", "Cible"], [.. c.Indicators.Select(i => (IReadOnlyList<string>)[i.Name, i.Unit, i.Measurement, Number(i.Target)])], [35, 20, 30, 15], 3),
            new DocHeading($"Annexe financière ({agreement.Terms.ManagementFeeArticle})"),
            new DocTable(["Catégorie", "Libellé", "Éligible", "Montant"],
                [.. annex.Expenses.Select(e => (IReadOnlyList<string>)[ActionLabels.Expense(e.Category), e.Label, FinancialAnnex.IsEligible(e) ? "oui" : "non", FrenchText.Euros(e.AmountCents)]),
                 ["Frais de gestion", $"{FrenchText.Percent(annex.ManagementFeeBasisPoints)} des coûts éligibles ({FrenchText.Euros(annex.EligibleCostsCents)})", "", FrenchText.Euros(annex.ManagementFeesCents)],
                 ["Total des dépenses", "", "", FrenchText.Euros(annex.TotalExpensesCents)]],
                [22, 43, 12, 23], 3),
            new DocTable(["Financeur", "Nom", "Montant"],
                [.. annex.Resources.Select(r => (IReadOnlyList<string>)[ActionLabels.Financer(r.Kind), r.Financer, FrenchText.Euros(r.AmountCents)]),
                 ["Total des ressources", "", FrenchText.Euros(annex.TotalResourcesCents)]],
                [30, 47, 23], 2),
            new DocParagraph($"Montant demandé à l'OPCO : {FrenchText.Euros(annex.AmountAskedOfOpcoCents)}. Sont éligibles les coûts directs et indirects, hors rémunération des personnels ; frais de gestion dans la limite de {agreement.Terms.FeeCapText} ({agreement.Terms.ManagementFeeArticle})."
                + (annex.MostlyFinancedByOpco ? " L'action est majoritairement financée par les frais de mission de l'OPCO : ses règles d'achat s'appliquent." : "")),
            new DocHeading("Avis des ministères (art. 14)"),
            new DocTable(["Version", "Ministère", "Avis", "Recommandations et commentaire", "Date"],
                [.. sheet.Opinions.OrderBy(o => o.VersionNumber).Select(o => (IReadOnlyList<string>)[Number(o.VersionNumber), agreement.PartyById(o.PartyId)?.ShortName ?? "", ActionLabels.Verdict(o.Verdict), string.Join(" — ", new[] { o.Recommendations, o.Comment }.Where(x => !string.IsNullOrWhiteSpace(x))), Date(o.GivenOn)])],
                [12, 14, 12, 44, 18]),
        };
        if (sheet.CommitteeDecisions.Count + sheet.BoardDecisions.Count > 0)
        {
            blocks.Add(new DocHeading("Décisions (art. 14)"));
            blocks.Add(new DocTable(["Instance", "Version", "Décision", "Date", "Référence"],
                [.. sheet.CommitteeDecisions.Select(d => (IReadOnlyList<string>)["Comité de pilotage", Number(d.VersionNumber), ActionLabels.Outcome(d.Outcome), Date(d.DecidedOn), d.Reference]),
                 .. sheet.BoardDecisions.Select(d => (IReadOnlyList<string>)["Conseil d'administration", Number(d.VersionNumber), ActionLabels.Outcome(d.Outcome), Date(d.DecidedOn), d.Reference])],
                [24, 12, 15, 16, 33]));
        }

        return new Doc(Header(agreement), $"Fiche action prévisionnelle n° {sheet.Number}", $"{c.Title} — édité le {FrenchText.Date(today)}", blocks, Footer(agreement));
    }

    public static Doc Report(Agreement agreement, ActionSheet sheet, DateOnly today)
    {
        var report = sheet.Report ?? throw new InvalidOperationException("No completion report.");
        var c = report.Content;
        var approved = sheet.EffectiveContent.Annex;
        var due = report.AmountDueCents ?? c.AmountDueCents(approved.AmountAskedOfOpcoCents, approved.ManagementFeeBasisPoints);
        var blocks = new List<DocBlock>
        {
            new DocFields(
            [
                ("Convention", $"{agreement.Title} ({agreement.Reference})"),
                ("Action", $"Fiche n° {sheet.Number} — {sheet.EffectiveContent.Title}"),
                ("Porteur", sheet.CarrierOrganisation),
                ("Période", $"du {Date(sheet.EffectiveContent.StartsOn)} au {Date(sheet.EffectiveContent.EndsOn)}"),
                ("Soumise le", Date(report.SubmittedOn)),
                ("Acceptée le", Date(report.AcceptedOn)),
            ]),
            new DocHeading("Indicateurs : prévu et réalisé (art. 15)"),
            new DocTable(["Indicateur", "Unité", "Cible", "Atteint"], [.. c.Indicators.Select(i => (IReadOnlyList<string>)[i.Name, i.Unit, Number(i.Target), i.Achieved is { } a ? Number(a) : "—"])], [45, 19, 18, 18], 2),
            new DocHeading("Bénéficiaires (art. 8 et 15)"),
            new DocTable(["Public", "Total", "Femmes", "Hommes", "Handicap"], [.. c.Beneficiaries.Select(b => (IReadOnlyList<string>)[ActionLabels.Public(b.Public), Number(b.Total), Number(b.Women), Number(b.Men), Number(b.WithDisability)])], [40, 15, 15, 15, 15], 1),
            new DocHeading($"Coûts réels ({agreement.Terms.ManagementFeeArticle})"),
            new DocTable(["Poste", "Éligible", "Justificatif", "Prévu", "Réel"],
                [.. c.Costs.Select(x => (IReadOnlyList<string>)[$"{x.Label} ({ActionLabels.Expense(x.Category)})", x.IsEligible ? "oui" : "non", x.Evidence ?? "", FrenchText.Euros(x.PlannedCents), x.RealCents is { } r ? FrenchText.Euros(r) : "—"])],
                [32, 11, 23, 17, 17], 3),
            new DocParagraph($"Coûts réels éligibles : {FrenchText.Euros(c.EligibleRealCostsCents)}. Montant approuvé à la charge de l'OPCO : {FrenchText.Euros(approved.AmountAskedOfOpcoCents)}. Montant dû, frais de gestion de {FrenchText.Percent(approved.ManagementFeeBasisPoints)} compris, dans la limite du montant approuvé : {FrenchText.Euros(due)} (frais réels engagés, dans la limite du conventionnement)."),
            new DocHeading("Bilan qualitatif"),
            new DocParagraph(c.Assessment ?? "—"),
        };
        return new Doc(Header(agreement), $"Fiche de réalisation — action n° {sheet.Number}", $"{sheet.EffectiveContent.Title} — édité le {FrenchText.Date(today)}", blocks, Footer(agreement));
    }

    public static string Header(Agreement agreement) => $"Convention de coopération {agreement.Reference}{(agreement.SignedOn is { } s ? $", signée le {FrenchText.Date(s)}" : "")}";

    /// <summary>Art. 11: the partnership is mentioned on every document financed under the agreement.</summary>
    public static string Footer(Agreement agreement) =>
        $"Action conduite dans le cadre de la convention de coopération entre {string.Join(", ", agreement.Parties.Select(p => p.ShortName))} ({agreement.Reference}). Document établi avec Copil.";

    private static string Territory(ActionSheetContent c)
    {
        var regions = c.RegionCodes.Select(code => Territories.Regions.FirstOrDefault(r => r.Code == code)?.Name ?? code);
        var academies = c.AcademyCodes.Select(code => "académie de " + (Territories.Academies.FirstOrDefault(a => a.Code == code)?.Name ?? code));
        var all = regions.Concat(academies).ToList();
        return all.Count == 0 ? "national" : string.Join(", ", all);
    }

    private static string Date(DateOnly? date) => date is { } d ? FrenchText.Date(d) : "—";

    private static string Number(long value) => value.ToString("#,0", System.Globalization.CultureInfo.GetCultureInfo("fr-FR"));
}
