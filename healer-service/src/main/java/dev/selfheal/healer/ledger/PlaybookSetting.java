package dev.selfheal.healer.ledger;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An operator's choice for one playbook: may its fixes roll out without an approver (if the ledger agrees)? */
@Entity
@Table(name = "playbook_setting")
public class PlaybookSetting extends PanacheEntityBase {

    @Id
    public String playbook;

    public boolean unattended;

    @Column(name = "changed_by")
    public String changedBy;

    @Column(name = "changed_at")
    public Instant changedAt;
}
