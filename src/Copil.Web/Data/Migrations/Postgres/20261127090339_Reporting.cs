using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Copil.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Reporting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Terms_CeilingPolicy",
                table: "Agreements",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BudgetYear",
                table: "ActionSheets",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Figures",
                table: "ActionSheets",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "FirstValidatedOn",
                table: "ActionSheets",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AnnualPlans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AgreementId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Priorities = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    DecidedAt = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnnualPlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AnnualPlans_Agreements_AgreementId",
                        column: x => x.AgreementId,
                        principalTable: "Agreements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AnnualReports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AgreementId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    CommissionPresentedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    BoardPresentedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Versions = table.Column<string>(type: "text", nullable: false),
                    Responses = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnnualReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AnnualReports_Agreements_AgreementId",
                        column: x => x.AgreementId,
                        principalTable: "Agreements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ActionSheets_AgreementId_BudgetYear",
                table: "ActionSheets",
                columns: new[] { "AgreementId", "BudgetYear" });

            migrationBuilder.CreateIndex(
                name: "IX_AnnualPlans_AgreementId_Year",
                table: "AnnualPlans",
                columns: new[] { "AgreementId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AnnualReports_AgreementId_Year",
                table: "AnnualReports",
                columns: new[] { "AgreementId", "Year" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AnnualPlans");

            migrationBuilder.DropTable(
                name: "AnnualReports");

            migrationBuilder.DropIndex(
                name: "IX_ActionSheets_AgreementId_BudgetYear",
                table: "ActionSheets");

            migrationBuilder.DropColumn(
                name: "Terms_CeilingPolicy",
                table: "Agreements");

            migrationBuilder.DropColumn(
                name: "BudgetYear",
                table: "ActionSheets");

            migrationBuilder.DropColumn(
                name: "Figures",
                table: "ActionSheets");

            migrationBuilder.DropColumn(
                name: "FirstValidatedOn",
                table: "ActionSheets");
        }
    }
}
