using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jumin.Registry.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CardDestinations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "card_destination_sends",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    atena_number = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    history_number = table.Column<int>(type: "INTEGER", nullable: false),
                    origin = table.Column<string>(type: "TEXT", nullable: false),
                    delivery_name = table.Column<string>(type: "TEXT", nullable: true),
                    delivery_address = table.Column<string>(type: "TEXT", nullable: true),
                    created_by = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    confirmed_by = table.Column<string>(type: "TEXT", nullable: true),
                    confirmed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    sent_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    result = table.Column<string>(type: "TEXT", nullable: true),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    last_error = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_card_destination_sends", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_card_destination_sends_atena_number",
                table: "card_destination_sends",
                column: "atena_number");

            migrationBuilder.CreateIndex(
                name: "ix_card_destination_sends_sent_at_confirmed_at",
                table: "card_destination_sends",
                columns: new[] { "sent_at", "confirmed_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "card_destination_sends");
        }
    }
}
