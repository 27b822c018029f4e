using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jumin.National.NumberGeneration.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SealedNumbers : Migration
    {
        /// <inheritdoc />
        /// <remarks>
        /// Written by hand: the key column is renamed and widened in place (no table rebuild, so the append-only triggers
        /// stay), and the numbers it held are replaced by their keyed hashes and sealed by <c>NumberSealing</c> after the
        /// migration, which has the keys.
        /// </remarks>
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "individual_number",
                table: "generated_numbers",
                newName: "number_hash");

            migrationBuilder.AlterColumn<string>(
                name: "number_hash",
                table: "generated_numbers",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12);

            migrationBuilder.AddColumn<string>(
                name: "sealed_number",
                table: "generated_numbers",
                type: "text",
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        /// <remarks>Only the schema goes back: numbers already sealed stay sealed (their keys are in the node's keys directory).</remarks>
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "sealed_number",
                table: "generated_numbers");

            migrationBuilder.AlterColumn<string>(
                name: "number_hash",
                table: "generated_numbers",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);

            migrationBuilder.RenameColumn(
                name: "number_hash",
                table: "generated_numbers",
                newName: "individual_number");
        }
    }
}
