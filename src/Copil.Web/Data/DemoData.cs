using Copil.Domain.Access;
using Copil.Domain.Actions;
using Copil.Domain.Agreements;
using Copil.Domain.Committee;
using Copil.Domain.Common;
using Copil.Domain.Voting;
using Copil.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Data;

/// <summary>
/// Development data: the seed agreement (ministries + OPCO Mobilités, 2020) fully described, a fictitious agreement
/// in force beside it, and one demo account per role. Never runs unless <c>Demo:Seed</c> is true.
/// </summary>
public static class DemoData
{
    public const string Password = "Comite-Essai-2026";
    public const string SeedReference = "OPCO-MOBILITES-2020";
    public const string DemoReference = "DEMO-OPCO-2025";

    public static readonly IReadOnlyList<(string Email, string Name, string Description)> Accounts =
    [
        ("admin@copil.test", "Alice Administratrice", "administratrice de la plateforme"),
        ("secretariat@copil.test", "Samuel Secrétariat", "secrétariat des deux conventions"),
        ("membre.opco@copil.test", "Odile Membre-OPCO", "membre du copil, siège OPCO (conseil d'administration)"),
        ("membre.menjs@copil.test", "Marc Membre-MENJS", "membre du copil, siège du ministère de l'éducation nationale"),
        ("relecture.dgesco@copil.test", "Denise Relectrice-DGESCO", "direction relectrice (DGESCO)"),
        ("relecture.dgesip@copil.test", "Didier Relecteur-DGESIP", "direction relectrice (DGESIP)"),
        ("ca@copil.test", "Charles Rapporteur-CA", "rapporteur du conseil d'administration"),
        ("porteur@copil.test", "Paula Porteuse", "porteuse d'action (campus des métiers)"),
        ("invite@copil.test", "Ivan Invité", "invité, sans voix"),
        ("lecteur@copil.test", "Léa Lectrice", "lectrice"),
        ("sans-acces@copil.test", "Simon Sans-Accès", "aucun rôle : ne voit aucune convention"),
    ];

    public static async Task SeedAsync(CopilDbContext db, UserManager<CopilUser> users, DateOnly today, CancellationToken ct = default)
    {
        if (await db.Agreements.AnyAsync(a => a.Reference == SeedReference, ct))
        {
            return;
        }

        var seed = BuildSeedAgreement(today);
        var demo = BuildDemoAgreement(today);
        db.Agreements.AddRange(seed, demo);
        await db.SaveChangesAsync(ct);

        var ids = new Dictionary<string, string>();
        foreach (var (email, name, _) in Accounts)
        {
            var user = await users.FindByEmailAsync(email);
            if (user is null)
            {
                user = new CopilUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, IsPlatformAdministrator = email.StartsWith("admin@", StringComparison.Ordinal) };
                var created = await users.CreateAsync(user, Password);
                if (!created.Succeeded)
                {
                    throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
                }
            }

            ids[email] = user.Id;
        }

        foreach (var agreement in new[] { seed, demo })
        {
            var opcoBoardSeat = agreement.Seats.First(s => s.IsBoardMember);
            var menjs = agreement.Parties.First(p => p.ReviewingDirectorate == "DGESCO");
            var menjsSeat = agreement.Seats.First(s => s.PartyId == menjs.Id);
            var mesri = agreement.Parties.First(p => p.ReviewingDirectorate == "DGESIP");
            var memberships = new List<Membership>();
            void Add(string email, AgreementRole role, Guid? seat = null, Guid? party = null, string? organisation = null) =>
                memberships.Add(Membership.Create(agreement, ids[email], role, seat, party, organisation, memberships).Value);

            Add("secretariat@copil.test", AgreementRole.Secretariat);
            Add("membre.opco@copil.test", AgreementRole.CommitteeMember, seat: opcoBoardSeat.Id);
            Add("membre.menjs@copil.test", AgreementRole.CommitteeMember, seat: menjsSeat.Id);
            Add("relecture.dgesco@copil.test", AgreementRole.ReviewingDirectorate, party: menjs.Id);
            Add("relecture.dgesip@copil.test", AgreementRole.ReviewingDirectorate, party: mesri.Id);
            Add("ca@copil.test", AgreementRole.BoardRecorder);
            Add("porteur@copil.test", AgreementRole.ActionCarrier, organisation: "Campus des métiers et des qualifications (démonstration)");
            Add("invite@copil.test", AgreementRole.Invitee);
            Add("lecteur@copil.test", AgreementRole.Reader);
            db.Memberships.AddRange(memberships);
        }

        db.ActionSheets.Add(BuildDemoAction(seed));
        db.ActionSheets.AddRange(BuildDemoYear(seed));
        seed.SetYearlyCeiling(2021, 400_000_00, 0);
        seed.SetYearlyCeiling(2022, 420_000_00, 0);
        var report = Domain.Reporting.AnnualReport.Open(seed, 2021, today).Value;
        report.EditText(seed, [.. Domain.Reporting.AnnualReport.DefaultSections(seed).Select(s => s with { Text = DemoReportText(s.AxisId is null ? null : seed.Axes.First(a => a.Id == s.AxisId).Article) })]);
        report.RecordPresentation(new DateOnly(2022, 3, 10), new DateOnly(2022, 3, 24), today);
        db.AnnualReports.Add(report);
        var plan = Domain.Reporting.AnnualPlan.Open(seed, 2022).Value;
        plan.Edit("""
            ## Priorités fixées par le comité (exemple de démonstration)
            - Porter la part des apprenties et des étudiantes dans les actions de découverte des métiers de la conduite.
            - Étendre les forums régionaux aux académies de Bretagne et d'Occitanie.
            - Mesurer systématiquement la poursuite d'études ou l'entrée en apprentissage six mois après chaque action.
            """, "Copil du 7 décembre 2021 (exemple de démonstration)");
        db.AnnualPlans.Add(plan);
        db.ActionSheets.AddRange(BuildSheetsForCommittee(demo, today));
        var regional = BuildRegionalDeclination(demo, today);
        db.Agreements.Add(regional);
        // Saved before its sheets: the stamp of their reporting year names an agreement that must exist.
        await db.SaveChangesAsync(ct);
        db.ActionSheets.AddRange(BuildRegionalSheets(regional, today));
        var history = BuildSeedHistory(seed, today);
        db.Meetings.AddRange(history);
        // The spring 2021 minutes, validated then: entered afterwards with their real dates.
        var spring = history[0];
        db.Minutes.Add(Minutes.RecordPast(seed, spring, Minutes.Compose(seed, spring, _ => null), new DateOnly(2021, 3, 4), new DateOnly(2021, 3, 10), new DateOnly(2021, 3, 18),
            null, "Samuel Secrétariat", new DateTime(2021, 3, 18, 9, 0, 0, DateTimeKind.Utc), today).Value);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The seed agreement's 2021 committees, recorded afterwards as an agreement entered mid-term would be: held, with
    /// their attendance, votes and notes, marked « saisie a posteriori »; nobody convened or notified.
    /// </summary>
    public static IReadOnlyList<Meeting> BuildSeedHistory(Agreement seed, DateOnly today)
    {
        var meetings = new List<Meeting>();
        foreach (var (details, points) in new (MeetingDetails, (AgendaItemKind Kind, string Title, bool Vote, string Notes)[])[]
        {
            (new MeetingDetails { Kind = MeetingKind.Spring, Year = 2021, MeetsOn = new DateOnly(2021, 3, 2), StartsAt = "14 h", Place = "OPCO Mobilités, Paris (et visioconférence)" },
            [
                (AgendaItemKind.Other, "Bilan des actions de 2020 (exemple de démonstration)", false, "Premier bilan, sur un mois d'exécution : présenté par l'OPCO, sans observation."),
                (AgendaItemKind.Other, "Fiches action 2021 présentées au comité (exemple de démonstration)", false, "Trois fiches présentées, décisions enregistrées sur chaque fiche."),
            ]),
            (new MeetingDetails { Kind = MeetingKind.YearEnd, Year = 2021, MeetsOn = new DateOnly(2021, 12, 7), StartsAt = "10 h", Place = "Ministère de l'éducation nationale, Paris", BoardMeetingOn = new DateOnly(2021, 12, 16) },
            [
                (AgendaItemKind.Other, "Suivi de la réalisation des actions de 2021 (exemple de démonstration)", false, "Réalisation conforme au programme ; une fiche de réalisation reste attendue."),
                (AgendaItemKind.Priorities, "Priorités du programme d'actions 2022 (exemple de démonstration)", true, "Priorités adoptées sans modification."),
            ]),
        })
        {
            var meeting = Meeting.Plan(seed, details, today).Value;
            foreach (var (kind, title, vote, _) in points)
            {
                meeting.AddItem(kind, title, null, vote);
            }

            Require(meeting.RecordAsPast(today));
            Require(meeting.RecordAttendance(seed, [.. seed.Seats.Select(s => new SeatPresence(s.Id, Presence.Present))], [], today));
            foreach (var (item, point) in meeting.Items.Zip(points))
            {
                if (point.Vote)
                {
                    Require(meeting.RecordVote(seed, item.Id, [.. seed.Seats.Select(s => (s.Id, VoteChoice.For))], "Samuel Secrétariat", today));
                }

                Require(meeting.WriteItemNotes(item.Id, point.Notes));
            }

            Require(meeting.Close(today));
            meetings.Add(meeting);
        }

        return meetings;
    }

    private static void Require(Result result)
    {
        if (result.IsFailure)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Message)));
        }
    }

    /// <summary>
    /// An example action of the seed agreement, lived in 2021 from its sheet to its accepted report (demonstration
    /// content: the text of the agreement names no action).
    /// </summary>
    public static ActionSheet BuildDemoAction(Agreement seed)
    {
        var drafted = new DateOnly(2021, 2, 1);
        var men = seed.Parties.First(p => p.ReviewingDirectorate == "DGESCO").Id;
        var mesr = seed.Parties.First(p => p.ReviewingDirectorate == "DGESIP").Id;
        var content = new ActionSheetContent
        {
            Title = "Forum des métiers de la mobilité en Normandie (exemple de démonstration)",
            AxisId = seed.Axes.First(a => a.Article == "art. 3").Id,
            Level = ActionLevel.Regional,
            RegionCodes = ["28"],
            AcademyCodes = ["70"],
            ContactName = "Claire Martin",
            ContactEmail = "claire.martin@exemple.fr",
            Partners = "DRAFPIC de Normandie, campus des métiers et des qualifications, CIO de Caen et de Rouen",
            Objectives = "Faire découvrir aux lycéens, aux étudiants et aux apprentis les métiers du transport de personnes et de marchandises, et les parcours de formation qui y mènent.",
            Description = "Deux journées de démonstrations, de rencontres avec des professionnels et d'ateliers « essayer un métier », suivies de visites d'entreprises pour les classes volontaires.",
            Publics = [new(TargetPublic.HighSchoolPupils, 800), new(TargetPublic.Students, 150), new(TargetPublic.Apprentices, 200), new(TargetPublic.EducationalTeams, 60)],
            FairReach = "Invitations à parts égales des lycées professionnels, des CFA et des IUT de l'académie ; transport pris en charge pour les établissements éloignés.",
            Inclusion = "Ateliers animés par des professionnelles et des professionnels ; lieu accessible ; interprète en langue des signes sur demande.",
            StartsOn = new DateOnly(2021, 5, 3),
            EndsOn = new DateOnly(2021, 6, 30),
            Indicators = [new("Visiteurs", "personnes", 1200, "billetterie"), new("Établissements participants", "établissements", 40, "inscriptions")],
            Annex = new(
                [
                    new(ExpenseCategory.ExternalServices, "Location du hall et des stands", 18_000_00, true),
                    new(ExpenseCategory.OtherExternalServices, "Communication et transport des classes", 9_000_00, true),
                    new(ExpenseCategory.StaffCosts, "Salaires des chargés de mission", 6_000_00, false),
                ],
                [
                    new(FinancerKind.OpcoMissionFees, "OPCO Mobilités", 28_350_00),
                    new(FinancerKind.CoFinancer, "Région Normandie", 6_000_00),
                ],
                500),
        };
        var sheet = ActionSheet.Draft(seed, 1, "Campus des métiers et des qualifications (démonstration)", content, drafted).Value;
        sheet.Submit(seed, drafted);
        sheet.GiveOpinion(seed, men, OpinionVerdict.Favorable, null, "Action bien articulée avec les CIO.", new DateOnly(2021, 2, 10), "Denise Relectrice-DGESCO");
        sheet.GiveOpinion(seed, mesr, OpinionVerdict.Favorable, null, null, new DateOnly(2021, 2, 12), "Didier Relecteur-DGESIP");
        var decided = new DateOnly(2021, 3, 2);
        sheet.RecordCommitteeDecision(CommitteeOutcome.Validated, decided, "Copil du 2 mars 2021, point 3", DecisionSource.Recorded, decided, Domain.Reporting.CeilingCheck.None);
        sheet.RecordBoardDecision(BoardOutcome.Approved, new DateOnly(2021, 3, 18), "CA du 18 mars 2021", new DateOnly(2021, 3, 18));
        sheet.MarkBoardDecisionReported(new DateOnly(2021, 3, 25), new DateOnly(2021, 3, 25));
        sheet.Start(new DateOnly(2021, 5, 3), new DateOnly(2021, 5, 3));
        var report = sheet.StartReport().Value.Content;
        sheet.EditReport(report with
        {
            Indicators = [report.Indicators[0] with { Achieved = 1340 }, report.Indicators[1] with { Achieved = 37 }],
            Beneficiaries =
            [
                new(TargetPublic.HighSchoolPupils, 910, 402, 508, 14), new(TargetPublic.Students, 130, 61, 69, 2),
                new(TargetPublic.Apprentices, 240, 58, 182, 5), new(TargetPublic.EducationalTeams, 64, 35, 29, 0),
            ],
            Costs = [.. report.Costs.Select((c, i) => c with { RealCents = i switch { 0 => 17_400_00, 1 => 9_650_00, _ => 6_100_00 }, Evidence = $"Facture n° 2021-{31 + i}" })],
            Assessment = "Fréquentation supérieure à l'objectif, parité presque atteinte chez les étudiants ; les apprentis restent majoritairement des garçons : prévoir des ateliers animés par des conductrices l'an prochain.",
        });
        sheet.SubmitReport(new DateOnly(2021, 9, 15));
        sheet.AcceptReport(new DateOnly(2021, 10, 4));
        return sheet.Status == ActionStatus.ReportAccepted ? sheet : throw new InvalidOperationException("The demo action did not reach its accepted report.");
    }

    private static string DemoReportText(string? article) => article switch
    {
        null => """
            Exemple de démonstration : ce texte illustre la partie qualitative du bilan ; les chiffres qui l'accompagnent sont calculés par Copil à partir des fiches enregistrées.

            Première année pleine de la convention, 2021 a vu les forums régionaux reprendre en présentiel. Les actions de découverte ont touché davantage de lycéens que prévu ; les étudiants restent le public le moins présent.

            ## Points d'attention
            - Deux actions n'ont pas encore remis leur fiche de réalisation.
            - La mixité progresse chez les lycéens mais reste faible chez les apprentis.
            """,
        "art. 3" => "Les forums et journées découverte ont été les actions les plus suivies de l'année. Les établissements éloignés ont bénéficié d'une prise en charge du transport.",
        "art. 4" => "Les semaines de l'apprentissage ont permis de faire signer des contrats dès le printemps ; les maîtres d'apprentissage ont été associés aux visites.",
        "art. 8" => "Les ateliers animés par des professionnelles ont été généralisés à partir de septembre.",
        _ => "",
    };

    /// <summary>
    /// Ten more example actions of the seed agreement in 2021 and two for 2022, all labelled as demonstration: enough for
    /// the dashboard and the 2021 annual report to be worth reading. Most are completed; one report is still missing,
    /// one awaits acceptance, one action was abandoned.
    /// </summary>
    public static IEnumerable<ActionSheet> BuildDemoYear(Agreement seed)
    {
        var men = seed.Parties.First(p => p.ReviewingDirectorate == "DGESCO").Id;
        var mesr = seed.Parties.First(p => p.ReviewingDirectorate == "DGESIP").Id;
        var specs = new (string Title, string Axis, string Region, ActionLevel Level, int Month, int Length, long Opco, (TargetPublic P, int Target, int Reached, int Women)[] Publics, string Stage)[]
        {
            ("Semaine de l'apprentissage dans les transports", "art. 4", "32", ActionLevel.Regional, 3, 2, 42_000_00, [(TargetPublic.HighSchoolPupils, 600, 540, 190), (TargetPublic.Apprentices, 300, 352, 61)], "accepted"),
            ("Journées « conduire un bus » pour les lycéennes", "art. 8", "11", ActionLevel.Local, 4, 1, 15_500_00, [(TargetPublic.HighSchoolPupils, 250, 268, 241)], "accepted"),
            ("Mallette pédagogique sur la logistique", "art. 10", "", ActionLevel.National, 2, 8, 64_000_00, [(TargetPublic.EducationalTeams, 900, 1020, 640), (TargetPublic.HighSchoolPupils, 3000, 2750, 1100)], "accepted"),
            ("Rencontres IUT – entreprises du transport", "art. 3", "84", ActionLevel.Regional, 10, 1, 21_000_00, [(TargetPublic.Students, 400, 312, 109)], "accepted"),
            ("Observatoire régional des métiers de la logistique", "art. 2", "75", ActionLevel.Regional, 3, 9, 55_000_00, [(TargetPublic.Employees, 120, 96, 30)], "accepted"),
            ("Stages d'enseignants en entreprise", "art. 5", "52", ActionLevel.Regional, 6, 4, 18_000_00, [(TargetPublic.EducationalTeams, 80, 74, 39)], "submitted"),
            ("Mobilité européenne des apprentis conducteurs", "art. 9", "44", ActionLevel.Regional, 4, 6, 37_500_00, [(TargetPublic.Apprentices, 60, 0, 0)], "missing"),
            ("Concours « Mon idée pour la mobilité »", "art. 7", "76", ActionLevel.Regional, 9, 7, 12_000_00, [(TargetPublic.HighSchoolPupils, 500, 0, 0), (TargetPublic.Students, 100, 0, 0)], "running"),
            ("Salon numérique des métiers portuaires", "art. 3", "93", ActionLevel.Regional, 5, 1, 9_000_00, [(TargetPublic.HighSchoolPupils, 400, 0, 0)], "abandoned"),
            ("Tutorat renforcé des apprentis en première année", "art. 6", "28", ActionLevel.Regional, 2, 5, 26_000_00, [(TargetPublic.Apprentices, 150, 171, 28), (TargetPublic.TutorsAndMasters, 75, 80, 12)], "accepted"),
            ("Forum des métiers de la mobilité en Bretagne", "art. 3", "53", ActionLevel.Regional, 4, 2, 30_000_00, [(TargetPublic.HighSchoolPupils, 900, 0, 0), (TargetPublic.Apprentices, 250, 0, 0)], "validated-2022"),
            ("Ateliers mixité dans les CFA d'Occitanie", "art. 8", "76", ActionLevel.Regional, 3, 3, 19_500_00, [(TargetPublic.Apprentices, 400, 0, 0)], "validated-2022"),
        };
        var number = 2;
        foreach (var spec in specs)
        {
            var year = spec.Stage == "validated-2022" ? 2022 : 2021;
            var starts = new DateOnly(year, spec.Month, 1);
            var ends = starts.AddMonths(spec.Length).AddDays(-1);
            // The amounts of the table are the eligible costs; the OPCO is asked for them with 5 % of management fees.
            var eligible = spec.Opco;
            var fees = FinancialAnnex.FeesOn(eligible, 500);
            var content = new ActionSheetContent
            {
                Title = $"{spec.Title} (exemple de démonstration)",
                AxisId = seed.Axes.First(a => a.Article == spec.Axis).Id,
                Level = spec.Level,
                RegionCodes = spec.Region.Length == 0 ? [] : [spec.Region],
                ContactName = "Contact de démonstration",
                ContactEmail = "contact@exemple.fr",
                Partners = "Partenaires de démonstration",
                Objectives = "Objectifs de démonstration.",
                Description = "Action fictive servant à illustrer le tableau de bord et le bilan annuel.",
                Publics = [.. spec.Publics.Select(p => new PublicTarget(p.P, p.Target))],
                FairReach = "Invitations équilibrées des lycées, des universités et des CFA.",
                Inclusion = "Lieux accessibles, animations mixtes.",
                StartsOn = starts,
                EndsOn = ends,
                Indicators = [new("Participants", "personnes", spec.Publics.Sum(p => p.Target), "feuilles d'émargement")],
                Annex = new(
                    [new(ExpenseCategory.ExternalServices, "Prestations", eligible, true), new(ExpenseCategory.StaffCosts, "Temps de coordination", eligible / 10, false)],
                    [new(FinancerKind.OpcoMissionFees, "OPCO Mobilités", eligible + fees), new(FinancerKind.OwnResources, "Porteur", eligible / 10)],
                    500),
            };
            var decided = year == 2022 ? new DateOnly(2021, 12, 7) : starts.AddDays(-20);
            var drafted = decided.AddDays(-40);
            var sheet = ActionSheet.Draft(seed, number++, "Porteur de démonstration", content, drafted).Value;
            sheet.Submit(seed, drafted);
            sheet.GiveOpinion(seed, men, OpinionVerdict.Favorable, null, null, drafted.AddDays(10), "Denise Relectrice-DGESCO");
            sheet.GiveOpinion(seed, mesr, OpinionVerdict.Favorable, null, null, drafted.AddDays(12), "Didier Relecteur-DGESIP");
            sheet.RecordCommitteeDecision(CommitteeOutcome.Validated, decided, $"Copil du {FrenchText.Date(decided)}", DecisionSource.Recorded, decided, Domain.Reporting.CeilingCheck.None);
            if (spec.Stage == "validated-2022")
            {
                yield return sheet;
                continue;
            }

            var board = decided.AddDays(7);
            sheet.RecordBoardDecision(BoardOutcome.Approved, board, $"CA du {FrenchText.Date(board)}", board);
            if (spec.Stage == "abandoned")
            {
                sheet.Abandon("Salon annulé faute de prestataire (exemple de démonstration).");
                yield return sheet;
                continue;
            }

            sheet.Start(starts, starts);
            if (spec.Stage is "accepted" or "submitted")
            {
                var report = sheet.StartReport().Value.Content;
                var reached = spec.Publics.Sum(p => p.Reached);
                sheet.EditReport(report with
                {
                    Indicators = [report.Indicators[0] with { Achieved = reached }],
                    Beneficiaries = [.. spec.Publics.Select(p => new BeneficiaryCount(p.P, p.Reached, p.Women, p.Reached - p.Women, p.Reached / 60))],
                    Costs = [.. report.Costs.Select(c => c with { RealCents = c.PlannedCents * 97 / 100, Evidence = "Facture de démonstration" })],
                    Assessment = "Bilan qualitatif de démonstration.",
                });
                sheet.SubmitReport(ends.AddDays(30));
                if (spec.Stage == "accepted")
                {
                    sheet.AcceptReport(ends.AddDays(45));
                }
            }

            yield return sheet;
        }
    }

    /// <summary>The agreement of 1 December 2020, as its text says.</summary>
    public static Agreement BuildSeedAgreement(DateOnly today)
    {
        var agreement = Agreement.Create(new AgreementDetails
        {
            Reference = SeedReference,
            Title = "Convention de coopération entre le ministère de l'éducation nationale, de la jeunesse et des sports, le ministère de l'enseignement supérieur, de la recherche et de l'innovation et l'opérateur de compétences Mobilités",
            LegalBasis = "Code du travail, art. L6332-1 II 1° b, L6332-14 II 4° et R6332-17 ; code de l'éducation, art. D331-23",
            SignedOn = new DateOnly(2020, 12, 1),
            SignedAt = "Paris",
            TermMonths = 36,
            TermArticle = "art. 17",
            RenewalPolicy = RenewalPolicy.None,
            EndOfTermRule = EndOfTermRule.DayBeforeAnniversary,
            CommitteeArticle = "art. 13",
        }, AgreementTerms.Seed, today).Value;

        var menjs = agreement.AddParty(PartyKind.StateMinistry, "Ministère de l'éducation nationale, de la jeunesse et des sports", "MENJS", "DGESCO", "Direction générale de l'enseignement scolaire").Value;
        var mesri = agreement.AddParty(PartyKind.StateMinistry, "Ministère de l'enseignement supérieur, de la recherche et de l'innovation", "MESRI", "DGESIP", "Direction générale de l'enseignement supérieur et de l'insertion professionnelle").Value;
        var opco = agreement.AddParty(PartyKind.Opco, "Opérateur de compétences Mobilités", "OPCO Mobilités", null, null).Value;

        agreement.AddSignatory(menjs.Id, "Jean-Michel Blanquer", "Ministre de l'éducation nationale, de la jeunesse et des sports");
        agreement.AddSignatory(mesri.Id, "Frédérique Vidal", "Ministre de l'enseignement supérieur, de la recherche et de l'innovation");
        agreement.AddSignatory(opco.Id, "Jean-Louis Vincent", "Président d'OPCO Mobilités");
        agreement.AddSignatory(opco.Id, "Bertrand Mazeau", "Vice-Président d'OPCO Mobilités");

        foreach (var (article, title) in SeedAxes)
        {
            agreement.AddAxis(title, article);
        }

        // Art. 13: 2 OPCO representatives (2 votes together, at least one on the board), 1 MENJS, 1 MESRI.
        agreement.AddSeat(opco.Id, "Représentant d'OPCO Mobilités, membre du conseil d'administration", null, 1, isBoardMember: true);
        agreement.AddSeat(opco.Id, "Représentant d'OPCO Mobilités", null, 1, isBoardMember: false);
        agreement.AddSeat(menjs.Id, "Représentant du MENJS", null, 1, isBoardMember: false);
        agreement.AddSeat(mesri.Id, "Représentant du MESRI", null, 1, isBoardMember: false);
        return agreement;
    }

    public static readonly IReadOnlyList<(string Article, string Title)> SeedAxes =
    [
        ("art. 2", "Étude des métiers, des certifications et de leur évolution"),
        ("art. 3", "Information, promotion, découverte et attractivité des métiers et des parcours de formation"),
        ("art. 4", "Développement de la formation en milieu professionnel et de l'apprentissage"),
        ("art. 5", "Développement de la qualité des formations"),
        ("art. 6", "Formation professionnelle tout au long de la vie"),
        ("art. 7", "Développement de l'esprit d'initiative"),
        ("art. 8", "Promotion de la mixité, de la diversité et de l'inclusion"),
        ("art. 9", "Développement de la mobilité européenne et internationale"),
        ("art. 10", "Matériels et documentation"),
    ];

    /// <summary>Two sheets of the fictitious agreement, reviewed by both ministries, waiting for the committee's decision.</summary>
    public static IEnumerable<ActionSheet> BuildSheetsForCommittee(Agreement demo, DateOnly today)
    {
        var men = demo.Parties.First(p => p.ReviewingDirectorate == "DGESCO").Id;
        var mesr = demo.Parties.First(p => p.ReviewingDirectorate == "DGESIP").Id;
        var drafted = today.AddDays(-20);
        var sheets = new[]
        {
            ("Semaine de l'apprentissage dans les transports (démonstration)", ActionLevel.National, (string[])[], 24_000_00L, OpinionVerdict.Favorable, (string?)null),
            ("Salon virtuel des métiers de la logistique (démonstration)", ActionLevel.Regional, ["11"], 38_000_00L, OpinionVerdict.Reserved, "Préciser comment les lycées professionnels éloignés seront associés."),
        };
        foreach (var ((title, level, regions, amount, verdict, recommendations), index) in sheets.Select((x, i) => (x, i)))
        {
            var content = new ActionSheetContent
            {
                Title = title,
                AxisId = demo.Axes[index].Id,
                Level = level,
                RegionCodes = regions,
                ContactName = "Dominique Exemple",
                ContactEmail = "dominique.exemple@exemple.fr",
                Partners = "Fédération professionnelle de démonstration, campus des métiers et des qualifications",
                Objectives = "Faire connaître aux jeunes les métiers du transport et de la logistique, et l'apprentissage qui y mène.",
                Description = "Rencontres avec des apprentis et des professionnels, démonstrations, visites d'entreprises.",
                Publics = [new(TargetPublic.HighSchoolPupils, 600), new(TargetPublic.Apprentices, 300), new(TargetPublic.Students, 100)],
                FairReach = "Lycées professionnels, CFA et IUT invités à parts égales.",
                Inclusion = "Lieux accessibles ; ateliers animés par des femmes et des hommes du métier.",
                StartsOn = new DateOnly(today.Year, 9, 1),
                EndsOn = new DateOnly(today.Year, 12, 15),
                Indicators = [new("Participants", "personnes", 1000, "inscriptions")],
                Annex = new(
                    [new(ExpenseCategory.ExternalServices, "Organisation et location", amount, true), new(ExpenseCategory.OtherExternalServices, "Communication", 4_000_00, true)],
                    [new(FinancerKind.OpcoMissionFees, "OPCO Démo", amount + 4_000_00)],
                    0),
            };
            var sheet = ActionSheet.Draft(demo, index + 1, "Campus des métiers et des qualifications (démonstration)", content, drafted).Value;
            sheet.Submit(demo, drafted);
            sheet.GiveOpinion(demo, men, OpinionVerdict.Favorable, null, null, today.AddDays(-12), "Denise Relectrice-DGESCO");
            sheet.GiveOpinion(demo, mesr, verdict, recommendations, null, today.AddDays(-10), "Didier Relecteur-DGESIP");
            yield return sheet;
        }
    }

    /// <summary>A fictitious agreement of the same family, in force, so that the demo shows every action.</summary>
    public static Agreement BuildDemoAgreement(DateOnly today)
    {
        var agreement = Agreement.Create(new AgreementDetails
        {
            Reference = DemoReference,
            Title = "Convention de démonstration entre les ministères chargés de l'éducation nationale et de l'enseignement supérieur et l'OPCO Démo (fictive)",
            LegalBasis = "Code du travail, art. L6332-1 II 1° b",
            SignedOn = new DateOnly(2025, 1, 15),
            SignedAt = "Paris",
            TermMonths = 36,
            RenewalPolicy = RenewalPolicy.ByAmendment,
        }, AgreementTerms.Seed with { OpinionDelayDays = 30 }, today).Value;

        var men = agreement.AddParty(PartyKind.StateMinistry, "Ministère de l'éducation nationale", "MEN", "DGESCO", "Direction générale de l'enseignement scolaire").Value;
        var mesr = agreement.AddParty(PartyKind.StateMinistry, "Ministère de l'enseignement supérieur et de la recherche", "MESR", "DGESIP", "Direction générale de l'enseignement supérieur et de l'insertion professionnelle").Value;
        var opco = agreement.AddParty(PartyKind.Opco, "OPCO Démo (organisme fictif)", "OPCO Démo", null, null).Value;
        var branch = agreement.AddParty(PartyKind.ProfessionalBranch, "Fédération professionnelle de démonstration", "FPD", null, null).Value;
        agreement.AddSignatory(opco.Id, "Camille Exemple", "Présidente d'OPCO Démo");
        agreement.AddSignatory(branch.Id, "Dominique Exemple", "Président de la FPD");
        foreach (var (article, title) in SeedAxes.Take(4))
        {
            agreement.AddAxis(title, article);
        }

        agreement.AddSeat(opco.Id, "Représentante d'OPCO Démo, membre du conseil d'administration", "Suppléant OPCO Démo", 1, isBoardMember: true);
        agreement.AddSeat(opco.Id, "Représentant d'OPCO Démo", null, 1, isBoardMember: false);
        agreement.AddSeat(men.Id, "Représentante du MEN", "Suppléant MEN", 1, isBoardMember: false);
        agreement.AddSeat(mesr.Id, "Représentant du MESR", null, 1, isBoardMember: false);
        agreement.AddInvitee("Expert de démonstration", "ONISEP", "Expert");
        agreement.SetYearlyCeiling(2025, 250_000_00, 0);
        agreement.SetYearlyCeiling(2026, 300_000_00, 0);
        return agreement;
    }

    public const string RegionalReference = "DEMO-OPCO-2025-NORMANDIE";

    /// <summary>
    /// The demo agreement declined in Normandy (art. 3 and 4): its own parties (the rectorat's DRAFPIC, the OPCO's regional
    /// delegation, the region) and committee, within the national term, inheriting every national term.
    /// </summary>
    public static Agreement BuildRegionalDeclination(Agreement demo, DateOnly today)
    {
        var regional = Agreement.Decline(demo, new AgreementDetails
        {
            Reference = RegionalReference,
            Title = "Déclinaison régionale en Normandie de la convention de démonstration (fictive)",
            SignedOn = new DateOnly(2025, 3, 1),
            SignedAt = "Caen",
            TermMonths = 24,
        }, "28", demo.Terms, [], today).Value;
        var rectorat = regional.AddParty(PartyKind.StateMinistry, "Région académique de Normandie — rectorat (démonstration)", "Rectorat de Normandie", "DRAFPIC", "Délégation régionale académique à la formation professionnelle initiale et continue").Value;
        var delegation = regional.AddParty(PartyKind.Opco, "OPCO Démo — délégation régionale de Normandie (organisme fictif)", "OPCO Démo Normandie", null, null).Value;
        regional.AddParty(PartyKind.Other, "Région Normandie (démonstration)", "Région Normandie", null, null);
        regional.AddSeat(delegation.Id, "Délégué régional d'OPCO Démo", null, 1, isBoardMember: true);
        regional.AddSeat(rectorat.Id, "Déléguée régionale académique (DRAFPIC)", null, 1, isBoardMember: false);
        return regional;
    }

    /// <summary>Two actions of the Normandy declination, validated by its committee: they count in the national dashboard under Normandy.</summary>
    public static IEnumerable<ActionSheet> BuildRegionalSheets(Agreement regional, DateOnly today)
    {
        var rectorat = regional.Parties.First(p => p.IsState).Id;
        var axis = regional.Axes[0].Id;
        var drafted = today.AddDays(-30);
        var decided = today.AddDays(-5);
        foreach (var ((title, amount), index) in new[] { ("Rallye des métiers de la logistique en Normandie (démonstration)", 12_000_00L), ("Visites d'entreprises de transport pour les classes de 3e (démonstration)", 8_500_00L) }.Select((x, i) => (x, i)))
        {
            var content = new ActionSheetContent
            {
                Title = title,
                AxisId = axis,
                Level = ActionLevel.Regional,
                RegionCodes = [regional.RegionCode!],
                ContactName = "Claude Exemple",
                ContactEmail = "claude.exemple@exemple.fr",
                Objectives = "Faire découvrir aux collégiens et lycéens normands les métiers du transport et de la logistique.",
                Description = "Parcours en entreprise, rencontres avec des apprentis, présentation des formations de la région.",
                Publics = [new(TargetPublic.MiddleSchoolPupils, 200), new(TargetPublic.HighSchoolPupils, 150)],
                FairReach = "Collèges de l'éducation prioritaire invités en premier.",
                Inclusion = "Transports adaptés ; entreprises accessibles.",
                StartsOn = new DateOnly(today.Year, 9, 1),
                EndsOn = new DateOnly(today.Year, 12, 15),
                Indicators = [new("Participants", "personnes", 350, "feuilles d'émargement")],
                Annex = new([new(ExpenseCategory.ExternalServices, "Transport et organisation", amount, true)], [new(FinancerKind.OpcoMissionFees, "OPCO Démo Normandie", amount)], 0),
            };
            var sheet = ActionSheet.Draft(regional, index + 1, "Délégation régionale de Normandie d'OPCO Démo", content, drafted).Value;
            Result[] steps =
            [
                sheet.Submit(regional, drafted),
                sheet.GiveOpinion(regional, rectorat, OpinionVerdict.Favorable, null, null, drafted.AddDays(7), "Denise Relectrice-DGESCO"),
                sheet.RecordCommitteeDecision(CommitteeOutcome.Validated, decided, $"Comité régional du {FrenchText.Date(decided)}", DecisionSource.Recorded, decided, Domain.Reporting.CeilingCheck.None),
            ];
            if (steps.FirstOrDefault(r => r.IsFailure) is { } failed)
            {
                throw new InvalidOperationException(string.Join(" ", failed.Errors.Select(e => e.Message)));
            }

            yield return sheet;
        }
    }
}
