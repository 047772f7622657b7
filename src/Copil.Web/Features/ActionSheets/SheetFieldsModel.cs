using Copil.Domain.Agreements;

namespace Copil.Web.Features.ActionSheets;

/// <summary>What the shared sheet fields need to render.</summary>
public sealed record SheetFieldsModel(SheetForm Input, Agreement Agreement, bool ChoosesCarrier, IReadOnlyList<Copil.Domain.Reference.TradesCampus> Campuses);
