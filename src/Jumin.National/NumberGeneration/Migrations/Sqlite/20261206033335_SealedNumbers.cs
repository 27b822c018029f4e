using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jumin.National.NumberGeneration.Migrations.Sqlite
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

            migrationBuilder.AddColumn<string>(
                name: "sealed_number",
                table: "generated_numbers",
                type: "TEXT",
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

            migrationBuilder.RenameColumn(
                name: "number_hash",
                table: "generated_numbers",
                newName: "individual_number");
        }
    }
}
