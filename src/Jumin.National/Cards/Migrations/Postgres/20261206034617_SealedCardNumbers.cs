using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jumin.National.Cards.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SealedCardNumbers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_cards_individual_number",
                table: "cards");

            migrationBuilder.AddColumn<string>(
                name: "individual_number_hash",
                table: "cards",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "ix_cards_individual_number_hash",
                table: "cards",
                column: "individual_number_hash");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_cards_individual_number_hash",
                table: "cards");

            migrationBuilder.DropColumn(
                name: "individual_number_hash",
                table: "cards");

            migrationBuilder.CreateIndex(
                name: "ix_cards_individual_number",
                table: "cards",
                column: "individual_number");
        }
    }
}
