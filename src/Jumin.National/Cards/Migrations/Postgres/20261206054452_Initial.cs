using System;
using Jumin.Storage;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Jumin.National.Cards.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "card_destinations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    municipality_code = table.Column<string>(type: "text", nullable: false),
                    destination_number = table.Column<long>(type: "bigint", nullable: false),
                    resident_code = table.Column<string>(type: "text", nullable: false),
                    individual_number = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    name_kana = table.Column<string>(type: "text", nullable: false),
                    birth_date = table.Column<string>(type: "text", nullable: false),
                    sex = table.Column<int>(type: "integer", nullable: false),
                    address = table.Column<string>(type: "text", nullable: false),
                    delivery_name = table.Column<string>(type: "text", nullable: false),
                    delivery_address = table.Column<string>(type: "text", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: false),
                    received_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_card_destinations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "card_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    card_number = table.Column<string>(type: "text", nullable: false),
                    resident_code = table.Column<string>(type: "text", nullable: false),
                    operation = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: true),
                    from = table.Column<string>(type: "text", nullable: false),
                    @operator = table.Column<string>(name: "operator", type: "text", nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_card_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "cards",
                columns: table => new
                {
                    card_number = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    resident_code = table.Column<string>(type: "text", nullable: false),
                    individual_number = table.Column<string>(type: "text", nullable: false),
                    individual_number_hash = table.Column<string>(type: "text", nullable: false),
                    municipality_code = table.Column<string>(type: "text", nullable: false),
                    previous_municipality_code = table.Column<string>(type: "text", nullable: true),
                    moved_in_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    status = table.Column<int>(type: "integer", nullable: false),
                    issued_on = table.Column<DateOnly>(type: "date", nullable: false),
                    expires_on = table.Column<DateOnly>(type: "date", nullable: false),
                    handed_over_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    suspended_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    suspension_reason = table.Column<string>(type: "text", nullable: true),
                    abolished_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    abolition_reason = table.Column<string>(type: "text", nullable: true),
                    collected_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cards", x => x.card_number);
                });

            migrationBuilder.CreateIndex(
                name: "ix_card_destinations_municipality_code_destination_number",
                table: "card_destinations",
                columns: new[] { "municipality_code", "destination_number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_card_destinations_resident_code",
                table: "card_destinations",
                column: "resident_code");

            migrationBuilder.CreateIndex(
                name: "ix_card_events_card_number_id",
                table: "card_events",
                columns: new[] { "card_number", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_cards_individual_number_hash",
                table: "cards",
                column: "individual_number_hash");

            migrationBuilder.CreateIndex(
                name: "ix_cards_resident_code",
                table: "cards",
                column: "resident_code");

            // カード管理: every event of a card is a row of its own, never rewritten.
            foreach (var sql in AppendOnlyTriggers.Postgres("card_events"))
            {
                migrationBuilder.Sql(sql);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in AppendOnlyTriggers.PostgresDrop("card_events"))
            {
                migrationBuilder.Sql(sql);
            }

            migrationBuilder.DropTable(
                name: "card_destinations");

            migrationBuilder.DropTable(
                name: "card_events");

            migrationBuilder.DropTable(
                name: "cards");
        }
    }
}
