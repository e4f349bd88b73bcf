package org.forumkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.Entity;
import jakarta.persistence.EntityManagerFactory;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Set;
import org.forumkit.model.AccessPolicy;
import org.forumkit.model.Board;
import org.forumkit.model.BoardKind;
import org.forumkit.spi.store.NewBoard;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A host can name the forum's entities by class or through the shipped mapping file, and they stay non-public. */
@Tag("h2")
class PersistenceUnitTest {

    @Test
    void entityClassNamesAreTheNonPublicEntities() throws Exception {
        assertThat(JpaForumStore.entityClassNames()).hasSize(16);
        for (String name : JpaForumStore.entityClassNames()) {
            Class<?> type = Class.forName(name);
            assertThat(type.isAnnotationPresent(Entity.class)).as(name).isTrue();
            assertThat(Modifier.isPublic(type.getModifiers())).as(name).isFalse();
        }
    }

    @Test
    void theMappingFileAloneSetsUpAWorkingStore() {
        TestDatabase.H2.require().clean();
        EntityManagerFactory emf = TestDatabase.H2.emfFromMappingFile();
        try {
            JpaForumStore store = JpaForumStore.create(emf);
            Board board = store.inTransaction(tx -> tx.insertBoard(new NewBoard(null, BoardKind.CATEGORY, "mapped",
                    "Mapped", "", 0, Set.of(), List.of(), AccessPolicy.DEFAULT)));
            List<Board> boards = store.readOnly(reader -> reader.boards());
            assertThat(boards).containsExactly(board);
        } finally {
            emf.close();
        }
    }
}
