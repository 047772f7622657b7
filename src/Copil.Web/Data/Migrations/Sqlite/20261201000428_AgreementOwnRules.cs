using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Copil.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AgreementOwnRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "NationalAgreementId",
                table: "Agreements",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OverriddenTerms",
                table: "Agreements",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "RegionCode",
                table: "Agreements",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Contacts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgreementId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    PartyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Function = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Service = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Establishment = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    AddedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    InformedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Contacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Contacts_Agreements_AgreementId",
                        column: x => x.AgreementId,
                        principalTable: "Agreements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DigitalTools",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgreementId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActionSheetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    DeclaredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DeclaredBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Gdpr = table.Column<string>(type: "TEXT", nullable: false),
                    Algorithm = table.Column<string>(type: "TEXT", nullable: false),
                    SheetsRevision = table.Column<int>(type: "INTEGER", nullable: false),
                    Approvals = table.Column<string>(type: "TEXT", nullable: false),
                    OnlineOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    OnlineRecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    WentOnlineWithoutApproval = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DigitalTools", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DigitalTools_ActionSheets_ActionSheetId",
                        column: x => x.ActionSheetId,
                        principalTable: "ActionSheets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DigitalTools_Agreements_AgreementId",
                        column: x => x.AgreementId,
                        principalTable: "Agreements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LogoAuthorizations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgreementId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    MinistryPartyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Materials = table.Column<string>(type: "TEXT", nullable: false),
                    WantedFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    WantedUntil = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RequestedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RequestingOrganisation = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    RequestedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ValidUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Conditions = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RefusalReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    SignedLetterAttachmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SignedLetterFileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: true),
                    SignedLetterContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LogoAuthorizations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LogoAuthorizations_Agreements_AgreementId",
                        column: x => x.AgreementId,
                        principalTable: "Agreements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LogoUses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgreementId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MinistryPartyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MaterialTitle = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ActionSheetId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AuthorizationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Until = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DeclaredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DeclaredByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    DeclaredBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LogoUses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LogoUses_Agreements_AgreementId",
                        column: x => x.AgreementId,
                        principalTable: "Agreements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MaterialSupports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgreementId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Establishment = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    FromPartyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ValueCents = table.Column<long>(type: "INTEGER", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ReturnDueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReturnedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ActionSheetId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MaterialSupports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MaterialSupports_Agreements_AgreementId",
                        column: x => x.AgreementId,
                        principalTable: "Agreements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Relays",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgreementId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActionSheetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Network = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Means = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Relays", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Relays_ActionSheets_ActionSheetId",
                        column: x => x.ActionSheetId,
                        principalTable: "ActionSheets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Agreements_NationalAgreementId",
                table: "Agreements",
                column: "NationalAgreementId");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_AgreementId_RegionCode",
                table: "Contacts",
                columns: new[] { "AgreementId", "RegionCode" });

            migrationBuilder.CreateIndex(
                name: "IX_DigitalTools_ActionSheetId",
                table: "DigitalTools",
                column: "ActionSheetId");

            migrationBuilder.CreateIndex(
                name: "IX_DigitalTools_AgreementId",
                table: "DigitalTools",
                column: "AgreementId");

            migrationBuilder.CreateIndex(
                name: "IX_LogoAuthorizations_AgreementId_Number",
                table: "LogoAuthorizations",
                columns: new[] { "AgreementId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LogoUses_AgreementId",
                table: "LogoUses",
                column: "AgreementId");

            migrationBuilder.CreateIndex(
                name: "IX_MaterialSupports_AgreementId_StartsOn",
                table: "MaterialSupports",
                columns: new[] { "AgreementId", "StartsOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Relays_ActionSheetId",
                table: "Relays",
                column: "ActionSheetId");

            migrationBuilder.CreateIndex(
                name: "IX_Relays_AgreementId_ActionSheetId",
                table: "Relays",
                columns: new[] { "AgreementId", "ActionSheetId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Contacts");

            migrationBuilder.DropTable(
                name: "DigitalTools");

            migrationBuilder.DropTable(
                name: "LogoAuthorizations");

            migrationBuilder.DropTable(
                name: "LogoUses");

            migrationBuilder.DropTable(
                name: "MaterialSupports");

            migrationBuilder.DropTable(
                name: "Relays");

            migrationBuilder.DropIndex(
                name: "IX_Agreements_NationalAgreementId",
                table: "Agreements");

            migrationBuilder.DropColumn(
                name: "NationalAgreementId",
                table: "Agreements");

            migrationBuilder.DropColumn(
                name: "OverriddenTerms",
                table: "Agreements");

            migrationBuilder.DropColumn(
                name: "RegionCode",
                table: "Agreements");
        }
    }
}
